/**
 * Host names with labels in scripts the word pass does not read (issue 15): CJK, Hangul, Kana,
 * Arabic, Hebrew, Indic scripts, Thai and others (`例子.中国`, `مثال.السعودية`,
 * `דוגמה.קום`, `उदाहरण.भारत`, `中文.example.com`, `example.中国`). Called by the word pass for
 * every dot that touches a letter of such a script. Validated through Punycode (RFC 3492, NFC)
 * and the public suffix list like every other name.
 *
 * Where the name starts and ends (these scripts glue to the words around them, rule 12):
 * - a label is a run of letters, combining marks, digits and hyphens of one kind: ASCII, or one
 *   non-Latin script (Han, Kana and Hangul count together). Where a label switches between
 *   ASCII letters and such a script, the name ends (`访问evil.中国` -> `evil.中国`,
 *   `例子.com获取` -> `例子.com`);
 * - on the left the name starts after the first non-letter (space, punctuation, quote, `/`,
 *   `@` …). Chinese/Japanese text glued to the front with no delimiter cannot be told apart
 *   from the first label and becomes part of it;
 * - on the right, when the last label is not a public suffix and is CJK, its longest prefix
 *   that is one is taken (`例子.中国获取` -> `例子.中国`);
 * - names under a file-like TLD (`.zip`, `.mov`, `.py` …, README rules 6–7) are reported only
 *   when defanged; names inside an e-mail or a URL authority are left to those passes.
 * IDN URLs and e-mail addresses with such hosts are not recognised (only the host, as a domain).
 */

import { isAsciiAlnum } from './chars';
import { FILE_TLDS_STRICT, FILE_TLDS_VOTE } from './context';
import { hostnameToAscii, isPublicHostname, isPublicTld, tldOf } from './hostname';
import { isCjk, isGlueScript, isLetterOrMark, Script, scriptOf } from './idn';
import { labelToAscii } from './punycode';
import type { ScanContext } from './scan-context';

/** kindOf answers of non-ASCII code units, plus one (0: not computed yet). */
const KIND_CACHE = new Uint8Array(0x10000);

/** Kind of a label character: 1 ASCII letter/digit, 2 glue-script letter/mark, 3 '-', 0 other. */
function kindOf(c: number): number {
  if (c < 0x80) return isAsciiAlnum(c) ? 1 : c === 45 ? 3 : 0;
  const cached = KIND_CACHE[c] ?? 0;
  if (cached !== 0) return cached - 1;
  const k = kindUncached(c);
  KIND_CACHE[c] = k + 1;
  return k;
}

function kindUncached(c: number): number {
  if (!isLetterOrMark(c)) return 0;
  const s = scriptOf(c);
  // Combining marks (Script.None) belong to the letters before them; Latin/Greek/Cyrillic
  // letters are the word pass's.
  return s === Script.None || isGlueScript(s) ? 2 : 0;
}

const MAX_HOST = 253;

export function createIdnScanner(ctx: ScanContext): (dot: number) => number {
  const v = ctx.view;
  const n = v.length;
  // The run read by the last attempt that found nothing: a later dot inside it would read the
  // same run again (a flood of `中.中.中…` would cost 500 characters per dot), so it is skipped.
  let failedTo = -1;

  /** Tries the name around the dot at `dot`; returns the end of the reported name, or -1. */
  return (dot: number): number => {
    if (dot < failedTo) return -1;
    const end = tryAt(dot);
    return end;
  };

  function tryAt(dot: number): number {
    // Left: the label before the dot, then earlier labels.
    let a = dot;
    let labelKind = 0;
    for (;;) {
      const c = a > 0 ? v.charCodeAt(a - 1) : 32;
      const k = kindOf(c);
      if (k === 0 || dot - a >= MAX_HOST) {
        if (c === 46 && a - 1 > 0 && kindOf(v.charCodeAt(a - 2)) !== 0 && labelKind !== 0) {
          a--;
          labelKind = 0;
          continue;
        }
        break;
      }
      if (k !== 3) {
        if (labelKind !== 0 && k !== labelKind) break; // script switch inside a label
        labelKind = k;
      }
      a--;
    }
    while (a < dot && v.charCodeAt(a) === 45) a++;
    if (a === dot) return -1;
    // Right: labels after the dot.
    let b = dot + 1;
    labelKind = 0;
    let lastLabel = b;
    for (;;) {
      const c = b < n ? v.charCodeAt(b) : 32;
      const k = kindOf(c);
      if (k === 0 || b - dot >= MAX_HOST) {
        if (c === 46 && kindOf(v.charCodeAt(b + 1)) !== 0 && labelKind !== 0) {
          b++;
          lastLabel = b;
          labelKind = 0;
          continue;
        }
        break;
      }
      if (k !== 3) {
        if (labelKind !== 0 && k !== labelKind) break;
        labelKind = k;
      }
      b++;
    }
    // Dots before b are skipped after a failure: each attempt reads at most MAX_HOST
    // characters on each side, and the next one starts after this one's end (linear).
    failedTo = b; // reset below when a name is reported
    if (b - a > MAX_HOST) return -1;
    while (b > lastLabel && v.charCodeAt(b - 1) === 45) b--;
    if (b === lastLabel) return -1;
    let raw = v.slice(a, b);
    let ascii = hostnameToAscii(raw);
    if (ascii !== null && !isPublicHostname(ascii) && labelKind === 2) {
      // CJK text glued after the TLD: the longest prefix of the last label that is a TLD.
      const last = v.slice(lastLabel, b);
      if (isCjk(scriptOf(last.charCodeAt(0)))) {
        ascii = null;
        for (let len = last.length - 1; len >= 1; len--) {
          const tld = labelToAscii(last.slice(0, len));
          if (tld !== null && isPublicTld(tld)) {
            b = lastLabel + len;
            raw = v.slice(a, b);
            ascii = hostnameToAscii(raw);
            break;
          }
        }
      }
    }
    if (ascii === null || !isPublicHostname(ascii) || !ascii.includes('xn--')) return -1;
    if (ctx.claims.overlaps(a, b)) return -1;
    const tld = tldOf(ascii);
    if ((FILE_TLDS_STRICT.has(tld) || FILE_TLDS_VOTE.has(tld)) && !ctx.map.hasDefang(a, b))
      return -1;
    ctx.out.add('domain', ascii, a, b);
    failedTo = -1;
    return b;
  }
}
