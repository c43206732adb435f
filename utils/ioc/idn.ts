/**
 * Scripts of host-name labels (issue 15): which script a letter belongs to, host names written
 * in scripts that glue to the words around them (CJK, Arabic, Hebrew, Indic, Thai …), and the
 * homograph flag for mixed-script and whole-script-confusable names (UTS #39 "highly
 * restrictive" profile, simplified). Only code points are inspected; no Unicode data tables
 * beyond the ranges below and the `\p{L}`/`\p{M}` property escapes of the JS engine.
 */

import { punycodeDecode } from './punycode';

/** Script groups. 0: none (digit, hyphen, punctuation). */
export const enum Script {
  None = 0,
  Latin,
  Greek,
  Cyrillic,
  Han,
  Hiragana,
  Katakana,
  Hangul,
  Arabic,
  Hebrew,
  Indic,
  Thai,
  Other,
}

/** [from, to, script] ranges, sorted; letters outside them but in \p{L} are Script.Other. */
const RANGES: ReadonlyArray<readonly [number, number, Script]> = [
  [0x41, 0x5a, Script.Latin],
  [0x61, 0x7a, Script.Latin],
  [0xaa, 0xaa, Script.Latin],
  [0xba, 0xba, Script.Latin],
  [0xc0, 0x24f, Script.Latin],
  [0x250, 0x2af, Script.Latin],
  [0x370, 0x3ff, Script.Greek],
  [0x400, 0x52f, Script.Cyrillic],
  [0x590, 0x5ff, Script.Hebrew],
  [0x600, 0x6ff, Script.Arabic],
  [0x750, 0x77f, Script.Arabic],
  [0x8a0, 0x8ff, Script.Arabic],
  [0x900, 0xdff, Script.Indic], // Devanagari … Sinhala
  [0xe00, 0xeff, Script.Thai], // Thai, Lao
  [0x1100, 0x11ff, Script.Hangul],
  [0x1e00, 0x1eff, Script.Latin],
  [0x1f00, 0x1fff, Script.Greek],
  [0x2e80, 0x2fdf, Script.Han],
  [0x3005, 0x3007, Script.Han],
  [0x3021, 0x3029, Script.Han],
  [0x3041, 0x309f, Script.Hiragana],
  [0x30a0, 0x30ff, Script.Katakana],
  [0x3130, 0x318f, Script.Hangul],
  [0x31f0, 0x31ff, Script.Katakana],
  [0x3400, 0x4dbf, Script.Han],
  [0x4e00, 0x9fff, Script.Han],
  [0xac00, 0xd7af, Script.Hangul],
  [0xf900, 0xfaff, Script.Han],
  [0xfb1d, 0xfb4f, Script.Hebrew],
  [0xfb50, 0xfdff, Script.Arabic],
  [0xfe70, 0xfeff, Script.Arabic],
  [0xff66, 0xff9f, Script.Katakana],
];

const LETTER_OR_MARK = /[\p{L}\p{M}]/u;

/** Script of a BMP code unit; Script.None for digits, hyphen, marks and non-letters. */
export function scriptOf(c: number): Script {
  let lo = 0;
  let hi = RANGES.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = RANGES[mid]!;
    if (c < r[0]) hi = mid - 1;
    else if (c > r[1]) lo = mid + 1;
    else {
      // Inside a script block: only its letters count (not its digits or punctuation).
      const ch = String.fromCharCode(c);
      return /\p{L}/u.test(ch) ? r[2] : Script.None;
    }
  }
  return c >= 0x80 && /\p{L}/u.test(String.fromCharCode(c)) ? Script.Other : Script.None;
}

/** Letter or combining mark (a label character of a non-ASCII host name besides digits and '-'). */
export function isLetterOrMark(c: number): boolean {
  if (c < 0x80) return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  return LETTER_OR_MARK.test(String.fromCharCode(c));
}

/**
 * Scripts whose words are written without spaces or take glued prefixes, so an IOC can touch
 * a word of them directly (rule 12): the generic word pass never reads their letters, the IDN
 * pass (scan-words) does.
 */
export function isGlueScript(s: Script): boolean {
  return s >= Script.Han;
}

/** Scripts written without spaces between words (a glued word cannot be cut off). */
export function isCjk(s: Script): boolean {
  return s === Script.Han || s === Script.Hiragana || s === Script.Katakana || s === Script.Hangul;
}

/** Bit set of the scripts of a label's letters. */
function scriptsOf(label: string): number {
  let bits = 0;
  for (let i = 0; i < label.length; i++) {
    const s = scriptOf(label.charCodeAt(i));
    if (s !== Script.None) bits |= 1 << s;
  }
  return bits;
}

const bit = (s: Script): number => 1 << s;
/** UTS #39 highly restrictive: one script, or Latin with one of the CJK combinations. */
const ALLOWED_MIXES = [
  bit(Script.Latin) | bit(Script.Han) | bit(Script.Hiragana) | bit(Script.Katakana),
  bit(Script.Latin) | bit(Script.Han) | bit(Script.Hangul),
];

function isSingleScript(bits: number): boolean {
  return (bits & (bits - 1)) === 0;
}

/** True when a label's letters mix scripts in a way UTS #39 "highly restrictive" refuses. */
export function isMixedScriptLabel(label: string): boolean {
  const bits = scriptsOf(label);
  if (isSingleScript(bits)) return false;
  return !ALLOWED_MIXES.some((allowed) => (bits & ~allowed) === 0);
}

/** Cyrillic letters that look like Latin ones (lower case). */
const CYRILLIC_LATIN_LOOKALIKES = new Set(
  [...'авекмнорстухіјѕԁԛԝӏһүԍɡьгп'].map((ch) => ch.charCodeAt(0)),
);
/** Greek letters that look like Latin ones (lower case). */
const GREEK_LATIN_LOOKALIKES = new Set([...'αβεικνορτυχ'].map((ch) => ch.charCodeAt(0)));
/** ccTLDs (and IDN TLDs) where a Cyrillic name is expected, so not a lure by its script. */
const CYRILLIC_TLDS = new Set([
  'ru', 'su', 'ua', 'by', 'kz', 'bg', 'mk', 'rs', 'me', 'mn', 'kg', 'tj', 'uz', 'ba',
  'xn--p1ai', 'xn--90ais', 'xn--j1amh', 'xn--90ae', 'xn--d1alf', 'xn--90a3ac', 'xn--80ao21a',
  'xn--l1acc', 'xn--p1acf', 'xn--80asehdb', 'xn--80aswg', 'xn--c1avg', 'xn--d1acj3b',
]); // prettier-ignore

/** A whole label of Cyrillic (or Greek) letters that all look like Latin ones, e.g. `аррӏе`. */
function isWholeScriptConfusable(label: string, tld: string): boolean {
  const bits = scriptsOf(label);
  let lookalikes: ReadonlySet<number>;
  if (bits === bit(Script.Cyrillic)) {
    if (CYRILLIC_TLDS.has(tld)) return false;
    lookalikes = CYRILLIC_LATIN_LOOKALIKES;
  } else if (bits === bit(Script.Greek)) {
    if (tld === 'gr' || tld === 'xn--qxam' || tld === 'cy') return false;
    lookalikes = GREEK_LATIN_LOOKALIKES;
  } else return false;
  for (let i = 0; i < label.length; i++) {
    const c = label.charCodeAt(i);
    if (scriptOf(c) !== Script.None && !lookalikes.has(c)) return false;
  }
  return true;
}

/**
 * Homograph check of an ASCII (punycode) host name: true when a label mixes scripts (`pаypal`
 * with a Cyrillic а) or is a whole-script Latin look-alike (`аррӏе.com`) under a TLD that does
 * not expect that script. Labels are decoded from their `xn--` form, so a lure written in
 * punycode is flagged like one written in Unicode.
 */
export function isHomograph(asciiHost: string): boolean {
  if (!asciiHost.includes('xn--')) return false;
  const labels = asciiHost.split('.');
  const tld = labels[labels.length - 1] ?? '';
  for (const label of labels) {
    if (!label.startsWith('xn--')) continue;
    const uni = punycodeDecode(label.slice(4));
    if (uni === null) continue;
    if (isMixedScriptLabel(uni) || isWholeScriptConfusable(uni, tld)) return true;
  }
  return false;
}
