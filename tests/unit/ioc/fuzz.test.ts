import { describe, expect, it } from 'vitest';
import { IOC_TYPES, extractIocs, normaliseValue, refang } from '../../../utils/ioc/index';

// Deterministic PRNG (mulberry32) so that a failure is reproducible from the seed.
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Biased alphabet: dots, brackets, hex, colons, @, slashes, plus pieces of defang tokens,
// schemes and TLDs so that every scanner sees plenty of near-misses.
const ATOMS = [
  '.',
  '.',
  '.',
  '[',
  ']',
  '(',
  ')',
  '{',
  '}',
  ':',
  ':',
  '@',
  '/',
  '/',
  '\\',
  ' ',
  '\n',
  '-',
  '_',
  '%',
  '0',
  '1',
  '2',
  '5',
  '9',
  'a',
  'b',
  'c',
  'd',
  'e',
  'f',
  'A',
  'F',
  'x',
  'T',
  'S',
  '[.]',
  '(.)',
  '[dot]',
  '[at]',
  '[@]',
  '[:]',
  '[://]',
  ' dot ',
  'hxxp',
  'hxxps',
  'h**p',
  'fxp',
  'http',
  '://',
  'com',
  'net',
  'zip',
  'ru',
  'onion',
  'CVE-2024-',
  'AS',
  'T1059',
  'bc1q',
  '::',
  '255',
  '10',
  'ffff',
  '＠',
  '．',
  '。',
  'é',
  'д',
  '中',
  '-\n',
  'deadbeefcafebabe',
  '0123456789abcdef',
  '1.2.3.4',
  '8.8.',
  'hxxp://',
  'a-b.com/',
  '/24',
  'x@',
  '1B4KRoPXk6WniGufgZmx1HD78xsM3CRifw',
  '[/]',
];

function randomText(rnd: () => number): string {
  const len = Math.floor(rnd() * 80);
  let s = '';
  for (let i = 0; i < len; i++) s += ATOMS[Math.floor(rnd() * ATOMS.length)] ?? '.';
  return s;
}

describe('fuzz: 10,000 strings from a biased alphabet (seed 20240213)', () => {
  it('never throws, and every result is well formed', () => {
    const rnd = mulberry32(20240213);
    const types = new Set<string>(IOC_TYPES);
    let iocCount = 0;
    const typesSeen = new Set<string>();
    for (let n = 0; n < 10_000; n++) {
      const text = randomText(rnd);
      let r;
      try {
        r = extractIocs(text, { includePrivateIps: true });
      } catch (e) {
        throw new Error(`threw on ${JSON.stringify(text)}`, { cause: e });
      }
      expect(r.truncated).toBe(false);
      expect(r.stats.scannedChars).toBe(text.length);
      const seen = new Set<string>();
      let lastFirst = -1;
      for (const ioc of r.iocs) {
        iocCount++;
        typesSeen.add(ioc.type);
        const where = `${ioc.type}:${ioc.value} in ${JSON.stringify(text)}`;
        expect(types.has(ioc.type), where).toBe(true);
        expect(seen.has(ioc.type + ' ' + ioc.value), where).toBe(false);
        seen.add(ioc.type + ' ' + ioc.value);
        expect(ioc.spans.length, where).toBeGreaterThan(0);
        const first = ioc.spans[0];
        expect(first !== undefined && first.start >= lastFirst, where).toBe(true);
        lastFirst = first?.start ?? lastFirst;
        expect(ioc.original, where).toBe(text.slice(first?.start, first?.end));
        for (const span of ioc.spans) {
          expect(span.start >= 0 && span.start < span.end && span.end <= text.length, where).toBe(
            true,
          );
          // The span's text, refanged on its own, normalises to the reported value.
          expect(normaliseValue(ioc.type, refang(text.slice(span.start, span.end))), where).toBe(
            ioc.value,
          );
        }
      }
    }
    // The alphabet is meant to produce IOCs of most types; if it stops doing so, the checks
    // above are void.
    expect(iocCount).toBeGreaterThan(5000);
    expect(typesSeen.size).toBeGreaterThanOrEqual(10);
  });
});
