/**
 * Domains (corpus rules 24–29). Candidates are maximal runs of host-name characters and
 * dots handed over by the word pass (no salvaging of sub-matches, rule 25), validated against the public suffix list, then
 * filtered for file names (rule 27) and code identifiers (rule 28). `.zip`/`.mov` names and
 * source-file-like names (readme.md, build.rs) are decided per paragraph once the whole text
 * has been seen: a list of domains versus a list of attachments (finish()).
 */

import { isAsciiLetter } from './chars';
import type { ScanContext } from './scan-context';
import {
  CLASSIC_TLDS,
  CODE_FIRST_LABELS,
  CODE_FIRST_LABELS_MULTI,
  FILE_EXTENSIONS,
  FILE_TLDS_STRICT,
  FILE_TLDS_VOTE,
  keywordVote,
} from './context';
import { computeAscii, isPublicHostname, isPublicTld, tldOf } from './hostname';
import { labelToAscii } from './punycode';

interface Deferred {
  start: number;
  end: number;
  value: string;
  para: number;
  strict: boolean;
}

function bump(m: Map<number, number>, k: number): void {
  m.set(k, (m.get(k) ?? 0) + 1);
}

function isEdgeChar(c: number): boolean {
  return c === 46 || c === 45 || c === 95;
}

/**
 * Position of the hyphen in a last label such as "com-Domain" (ASCII TLD, then '-' and a
 * word of 2+ letters), or -1.
 */
function gluedSuffix(v: string, lastDot: number, end: number): number {
  let k = lastDot + 1;
  while (k < end && isAsciiLetter(v.charCodeAt(k))) k++;
  if (k - lastDot - 1 < 2 || v.charCodeAt(k) !== 45 || end - k < 3) return -1;
  for (let m = k + 1; m < end; m++) if (!isAsciiLetter(v.charCodeAt(m))) return -1;
  return k;
}

/** What a dotted word is, independent of where it stands (cached per word string). */
interface HostWord {
  ascii: string;
  tld: string;
  /** 0: ordinary TLD; 1: source-file-like TLD (FILE_TLDS_STRICT); 2: .zip/.mov. */
  fileTld: 0 | 1 | 2;
  /** Rule 28 by the labels alone: this.app, user.name, div.info, e.target. */
  codeLabels: boolean;
  /** "…the file.Now we…": a missing space between sentences. */
  sentenceJoin: boolean;
}

const FILE_NAME = 'file';
type WordInfo = HostWord | typeof FILE_NAME | null;

// Words repeat a lot within and across reports; bounded so that adversarial input cannot grow it.
const wordCache = new Map<string, WordInfo>();

/** Empties the per-text word cache (see resetHostnameCaches). */
export function resetWordCache(): void {
  wordCache.clear();
}

function classifyWord(word: string, idnTld: boolean): WordInfo {
  const cached = wordCache.get(word);
  if (cached !== undefined) return cached;
  const info = classifyUncached(word, idnTld);
  if (wordCache.size >= 20_000) wordCache.clear();
  wordCache.set(word, info);
  return info;
}

function classifyUncached(word: string, idnTld: boolean): WordInfo {
  const lastDot = word.lastIndexOf('.');
  const ext = word.slice(lastDot + 1).toLowerCase();
  if (FILE_EXTENSIONS.has(ext)) return FILE_NAME;
  // Cheap rejection first: most dotted words (file names, versions, code) have no real TLD.
  const extAscii = idnTld ? labelToAscii(ext) : ext;
  if (extAscii === null || !isPublicTld(extAscii)) return null;
  if (word.includes('_')) return null; // '_' never in host names
  // Uncached: classifyWord caches this word's answer already.
  const ascii = computeAscii(word);
  if (ascii === null || !isPublicHostname(ascii)) return null;
  const tld = tldOf(ascii);
  return {
    ascii,
    tld,
    fileTld: FILE_TLDS_STRICT.has(tld) ? 1 : FILE_TLDS_VOTE.has(tld) ? 2 : 0,
    codeLabels: hasCodeLabels(ascii),
    sentenceJoin: isSentenceJoin(word, lastDot),
  };
}

/** Rule 28 by labels: a code object or HTML element in front of a word TLD. */
function hasCodeLabels(ascii: string): boolean {
  if (ascii.includes('-')) return false; // identifiers cannot contain '-'
  const firstDot = ascii.indexOf('.');
  const lastDot = ascii.lastIndexOf('.');
  const first = ascii.slice(0, firstDot);
  const tld = ascii.slice(lastDot + 1);
  if (firstDot === lastDot) {
    if (CODE_FIRST_LABELS.has(first) && !CLASSIC_TLDS.has(tld)) return true;
    // e.target, x.style: one-letter variables under a word TLD (t.co, x.com stay domains)
    return first.length === 1 && tld.length > 2 && !CLASSIC_TLDS.has(tld);
  }
  return CODE_FIRST_LABELS_MULTI.has(first) && !CLASSIC_TLDS.has(tld) && tld.length > 2;
}

/** Rule 28 by context: a method call, a CSS rule, a $variable or #id. */
function isCodeContext(v: string, start: number, end: number, ascii: string): boolean {
  if (ascii.includes('-')) return false;
  if (v.charCodeAt(end) === 40) return true; // subprocess.run(
  let k = end;
  while (k < v.length && k - end < 4 && v.charCodeAt(k) === 32) k++;
  if (v.charCodeAt(k) === 123) return true; // "name.class {"
  const prev = start > 0 ? v.charCodeAt(start - 1) : 32;
  if (prev !== 36 && prev !== 35) return false;
  // $this.app, #id.class – but a '#'/'$' inside a punctuation run ("!@#evil.com") is no sigil.
  return !(start > 1 && SIGIL_RUN.includes(v[start - 2]!));
}

/** Punctuation that, right before a '#' or '$', makes it part of a run rather than a sigil. */
const SIGIL_RUN = '!@#$%^&*~+=|\\';

/** "…the file.Now we…": a missing space between sentences, not a domain. */
function isSentenceJoin(word: string, lastDot: number): boolean {
  const first = word.charCodeAt(lastDot + 1);
  if (!(first >= 65 && first <= 90)) return false;
  const before = word.charCodeAt(lastDot - 1);
  if (!(before >= 97 && before <= 122)) return false;
  for (let k = lastDot + 2; k < word.length; k++) {
    const c = word.charCodeAt(k);
    if (c >= 97 && c <= 122) return true;
  }
  return false;
}

export interface DomainScanner {
  /** Considers the word [i, j) (a maximal run of host-name characters and dots). */
  consider(i: number, j: number): void;
  /** Decides the deferred .zip/.mov and source-file-like names once all words are seen. */
  finish(): void;
}

export function createDomainScanner(ctx: ScanContext): DomainScanner {
  const v = ctx.view;
  const domainsIn = new Map<number, number>();
  const filesIn = new Map<number, number>();
  const strictIn = new Map<number, number>();
  const deferred: Deferred[] = [];

  const consider = (i: number, j: number): void => {
    let a = i;
    let b = j;
    // Edge dots, hyphens and underscores are punctuation or emphasis (_evil.com_), not labels.
    while (a < b && isEdgeChar(v.charCodeAt(a))) a++;
    while (b > a && isEdgeChar(v.charCodeAt(b - 1))) b--;
    if (b - a < 4 || b - a > 253) return;
    let lastDot = -1;
    for (let k = b - 1; k > a && b - k <= 64; k--) {
      if (v.charCodeAt(k) === 46) {
        lastDot = k;
        break;
      }
    }
    if (lastDot < 0 || b - lastDot < 3) return;
    const t0 = v.charCodeAt(lastDot + 1);
    if (!isAsciiLetter(t0) && t0 < 0x80) return; // TLDs start with a letter
    // Percent-encoded data is never decoded (rule 4): "%40victim-corp.com" is no domain.
    if (a > 0 && v.charCodeAt(a - 1) === 37) return;
    let info = classifyWord(v.slice(a, b), t0 >= 0x80);
    if (info === null && v.charCodeAt(i) !== 46) {
      // "die evil.com-Domain", "the evil.com-hosted kit": a word glued to the TLD by a hyphen.
      // Not for ".promo.app-banner" (a CSS class chain starts with a dot).
      const glued = gluedSuffix(v, lastDot, b);
      if (glued > 0) {
        const prefix = classifyWord(v.slice(a, glued), false);
        if (prefix !== null && prefix !== FILE_NAME && prefix.fileTld === 0) {
          info = prefix;
          b = glued;
        }
      }
    }
    if (info === FILE_NAME) {
      bump(filesIn, ctx.index.paraOf(ctx.index.lineOf(a)));
      return;
    }
    if (info === null || ctx.claims.overlaps(a, b)) return;
    const { ascii } = info;
    const para = ctx.index.paraOf(ctx.index.lineOf(a));
    if (ctx.map.hasDefang(a, b)) {
      // Somebody defanged it: it is meant as a host, whatever it looks like.
      ctx.out.add('domain', ascii, a, b);
      if (info.fileTld === 0) bump(domainsIn, para);
      return;
    }
    if (ctx.urlPaths.contains(a)) {
      // Rule 4 (IOCs inside a URL path are reported) minus file names such as /d/x.zip.
      if (info.fileTld === 0) ctx.out.add('domain', ascii, a, b);
      return;
    }
    if (info.fileTld !== 0) {
      const strict = info.fileTld === 1;
      if (strict) bump(strictIn, para);
      deferred.push({ start: a, end: b, value: ascii, para, strict });
      return;
    }
    if (info.codeLabels || info.sentenceJoin || isCodeContext(v, a, b, ascii)) return;
    ctx.out.add('domain', ascii, a, b);
    bump(domainsIn, para);
  };

  // Keyword vote per line, computed once per line. Lines longer than 1000 characters
  // (minified code, whitespace-free dumps) carry no usable "this line describes a file" cue
  // and would make the vote cost grow with the line, so they count as undecided.
  const votes = new Map<number, number>();
  const lineVote = (line: number): number => {
    let vote = votes.get(line);
    if (vote === undefined) {
      const from = ctx.index.lineStart(line);
      const to = ctx.index.lineEnd(line);
      vote = to - from <= 1000 ? keywordVote(v.slice(from, to)) : 0;
      votes.set(line, vote);
    }
    return vote;
  };

  const finish = (): void => {
    for (const d of deferred) {
      const domains = domainsIn.get(d.para) ?? 0;
      const files = filesIn.get(d.para) ?? 0;
      let accept: boolean;
      if (d.strict) {
        accept = domains >= 3 && files === 0;
      } else {
        // Words on its own line first (filename=, attachment, NRD, domain …), then the
        // paragraph (a list of domains vs a list of files); undecided means "file".
        const vote = lineVote(ctx.index.lineOf(d.start));
        const fileLike = files + (strictIn.get(d.para) ?? 0);
        accept = vote !== 0 ? vote > 0 : domains > fileLike;
      }
      if (accept) ctx.out.add('domain', d.value, d.start, d.end);
    }
  };

  return { consider, finish };
}
