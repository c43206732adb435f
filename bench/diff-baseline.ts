/**
 * A-B check for speed work on the extractor (issue 15):
 *   npx tsx bench/diff-baseline.ts
 * Runs utils/ioc as it was at a git revision (BASELINE_REF, default a4fd197: before the speed
 * work; extracted with `git archive` into bench/.baseline/<ref>/, gitignored, so the repo keeps
 * one copy of the engine) and the current utils/ioc over the bench's mixed 5 MB document, every adversarial shape,
 * every corpus document and a few thousand random strings built from IOC-ish fragments,
 * defang markers, punctuation and Unicode; with default options, with refang: false and (on
 * the smaller inputs) with includePrivateIps. Results are compared as JSON without the timing
 * field; any difference is printed with some context and the exit code is 1.
 * DIFF_RANDOM=N sets the number of random strings (default 4000).
 */

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { extractIocs } from '../utils/ioc/index';
import type { ExtractOptions, ExtractResult } from '../utils/ioc/index';
import { loadDocs, locateCorpus } from './lib/corpus';
import { ADVERSARIAL, mixedDocument, mulberry32 } from './lib/inputs';

const MB = 1024 * 1024;

const REF = process.env.BASELINE_REF ?? 'a4fd197';
/** utils/ioc at REF, unpacked inside the repo so its imports (tldts, ipaddr.js) resolve. */
async function loadBaseline(): Promise<typeof extractIocs> {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const dir = join(root, 'bench', '.baseline', REF.replace(/[^\w.-]/g, '_'));
  if (!existsSync(join(dir, 'utils', 'ioc', 'index.ts'))) {
    mkdirSync(dir, { recursive: true });
    const tar = execFileSync('git', ['archive', REF, 'utils/ioc'], { cwd: root });
    execFileSync('tar', ['-x', '-C', dir], { input: tar });
  }
  const mod = (await import(pathToFileURL(join(dir, 'utils', 'ioc', 'index.ts')).href)) as {
    extractIocs: typeof extractIocs;
  };
  return mod.extractIocs;
}
const baselineExtract = await loadBaseline();

/** The result without its timing (stats.ms), as a canonical string. */
function canonical(r: ExtractResult): string {
  return JSON.stringify({ ...r, stats: { ...r.stats, ms: 0 } });
}

/** Where two strings first differ, with some characters of context from each. */
function firstDifference(a: string, b: string, context = 300): string {
  let i = 0;
  while (i < a.length && i < b.length && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  const from = Math.max(0, i - context);
  return (
    `    at char ${i} of the JSON\n` +
    `    baseline: …${a.slice(from, i + context)}…\n` +
    `    new:      …${b.slice(from, i + context)}…`
  );
}

let checks = 0;
let mismatches = 0;
function check(name: string, text: string, options: ExtractOptions): void {
  checks++;
  const a = canonical(baselineExtract(text, options));
  const b = canonical(extractIocs(text, options));
  if (a === b) return;
  mismatches++;
  if (mismatches > 20) return;
  const shown =
    text.length > 200
      ? `${JSON.stringify(text.slice(0, 200))}… (${text.length} chars)`
      : JSON.stringify(text);
  console.log(`MISMATCH ${name} ${JSON.stringify(options)}\n  input: ${shown}`);
  console.log(firstDifference(a, b));
}

const OPTION_SETS: readonly ExtractOptions[] = [{}, { refang: false }];
const SMALL_OPTION_SETS: readonly ExtractOptions[] = [...OPTION_SETS, { includePrivateIps: true }];

// ---------------------------------------------------------------- (a) mixed document
const docs = loadDocs(locateCorpus().set);
const t0 = performance.now();
const mixed = mixedDocument(docs, 5 * MB);
for (const o of OPTION_SETS) check('mixed 5 MB', mixed, o);

// ---------------------------------------------------------------- (b) adversarial shapes
for (const shape of ADVERSARIAL) {
  for (const size of [MB, 2 * MB]) {
    for (const o of OPTION_SETS) check(`${shape.name} ${size / MB} MB`, shape.make(size), o);
  }
  // Small prefixes too: boundary handling at the end of the text.
  for (const size of [1, 7, 100, 1000, 4097]) {
    for (const o of SMALL_OPTION_SETS) check(`${shape.name} ${size} chars`, shape.make(size), o);
  }
}

// ---------------------------------------------------------------- (c) corpus documents
for (const d of docs) for (const o of SMALL_OPTION_SETS) check(`corpus ${d.name}`, d.text, o);

// ---------------------------------------------------------------- (d) random strings
const FRAGMENTS = [
  // IOC-ish values
  '1.2.3.4',
  '10.0.0.1',
  '192.168.1.254',
  '255.255.255.255',
  '8.8.8.8/24',
  '300.1.2.3',
  '::1',
  'fe80::1%eth0',
  '2001:db8::ff00:42:8329',
  '::ffff:1.2.3.4',
  'evil.com',
  'a-b.co.uk',
  'xn--80ak6aa92e.com',
  'sub.evil-site.top',
  'example.zip',
  'x.onion',
  'http://',
  'https://',
  'ftp://',
  'evil.com/path?q=1&r=%20#frag',
  'user@mail.ru',
  'j.doe+x@a.io',
  'd41d8cd98f00b204e9800998ecf8427e',
  'da39a3ee5e6b4b0d3255bfef95601890afd80709',
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  'CVE-2021-44228',
  'cve-2024-1234567',
  'AS13335',
  'ASN 64512',
  'T1059.001',
  'TA0001',
  'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq',
  '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa',
  '00:1a:2b:3c:4d:5e',
  '00-1A-2B-3C-4D-5E',
  '001a.2b3c.4d5e',
  'HKLM\\Software\\Microsoft\\Run',
  'HKEY_CURRENT_USER\\Soft ware\\x',
  'payload.exe',
  'invoice.pdf.js',
  'archive.tar.gz',
  'C:\\Users\\x\\a.dll',
  '96:AbCdEf1+/xyz:GhIj',
  '3072:abcDEF+/:xyz',
  // defang markers
  '[.]',
  '(.)',
  '{.}',
  '[dot]',
  '(dot)',
  '{dot}',
  '\\.',
  ' [.] ',
  ' (dot) ',
  ' dot ',
  '[at]',
  '(at)',
  '{at}',
  '[@]',
  '(@)',
  ' [at] ',
  '[:]',
  '[://]',
  '[/]',
  'hxxp',
  'hxxps',
  'hXXp',
  'h**p',
  'h**ps',
  'h__p',
  'h__ps',
  'hxxp__',
  'hxxps__',
  'fxp',
  '-\n',
  '-\r\n',
  // punctuation and words
  '.',
  '.',
  ':',
  '/',
  '@',
  '-',
  '_',
  '%',
  '#',
  '?',
  '=',
  '&',
  '~',
  '+',
  '*',
  '"',
  "'",
  '<',
  '>',
  '[',
  ']',
  '(',
  ')',
  '{',
  '}',
  ',',
  ';',
  '!',
  '|',
  '\\',
  ' ',
  ' ',
  ' ',
  '\n',
  '\t',
  '\r\n',
  'a',
  'x',
  'Z',
  '0',
  '7',
  'ff',
  'the',
  'dot',
  'com',
  'net',
  'ru',
  'exe',
  'www',
  'T',
  'AS',
  'CVE-',
  // Unicode: CJK, Arabic, Cyrillic look-alikes, full-width forms, odd spaces, surrogates
  '中',
  '例子.',
  'مثال.',
  'пример.рф',
  'pаypal.com',
  'аррӏе.com',
  '．',
  '＠',
  'ｅｖｉｌ',
  '１',
  '，',
  '：',
  '。',
  '、',
  '「',
  '」',
  '\u00a0',
  '\u3000',
  '\u2009',
  '\u200b',
  '😀',
  '\ud83d',
  'é',
  'ß',
  'İ',
  'K',
];

const rnd = mulberry32(1515);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
const RANDOM = Number(process.env.DIFF_RANDOM ?? 4000);
for (let k = 0; k < RANDOM; k++) {
  const parts: string[] = [];
  const n = 1 + Math.floor(rnd() * 40);
  for (let j = 0; j < n; j++) {
    // Mostly fragments; now and then a slice of a corpus document, for realistic context.
    if (rnd() < 0.05) {
      const d = pick(docs).text;
      const at = Math.floor(rnd() * d.length);
      parts.push(d.slice(at, at + Math.floor(rnd() * 200)));
    } else parts.push(pick(FRAGMENTS));
  }
  const text = parts.join('');
  for (const o of SMALL_OPTION_SETS) check(`random #${k}`, text, o);
}

const secs = ((performance.now() - t0) / 1000).toFixed(1);
if (mismatches > 0) {
  console.log(`\n${mismatches} of ${checks} checks differ from the baseline (${secs} s)`);
  process.exit(1);
}
console.log(`all ${checks} checks identical to the baseline (${secs} s)`);
