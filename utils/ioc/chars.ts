/**
 * Character classes, as one lookup table over the BMP. Every scanner walks the text with
 * charCodeAt and tests these bits instead of running regular expressions over unbounded
 * text, which keeps each pass linear and cheap.
 */

export const DIGIT = 1;
export const HEX = 2;
export const ALPHA = 4; // ASCII letters
export const IDN = 8; // non-ASCII letters accepted inside host names (Latin, Greek, Cyrillic)
export const WORD = 16; // host-name-ish token: ASCII alnum, '.', '-', '_' and IDN letters
export const URL = 32; // may appear inside a URL
export const LOCAL = 64; // e-mail local part
export const SPACE = 128;

function buildTable(): Uint8Array {
  const t = new Uint8Array(0x10000);
  const set = (from: number, to: number, bits: number): void => {
    for (let c = from; c <= to; c++) t[c] = (t[c] ?? 0) | bits;
  };
  set(0x30, 0x39, DIGIT | HEX | WORD | URL | LOCAL);
  set(0x41, 0x5a, ALPHA | WORD | URL | LOCAL);
  set(0x61, 0x7a, ALPHA | WORD | URL | LOCAL);
  set(0x41, 0x46, HEX);
  set(0x61, 0x66, HEX);
  for (const ch of '.-_') set(ch.charCodeAt(0), ch.charCodeAt(0), WORD | URL | LOCAL);
  for (const ch of '%+') set(ch.charCodeAt(0), ch.charCodeAt(0), URL | LOCAL);
  // RFC 3986 reserved and unreserved characters that URLs in the wild contain. Left out on
  // purpose: '"', '<', '>', '\\', '^', '`', '{', '}', '|' – they delimit URLs in prose and code.
  for (const ch of "!#$&'()*,/:;=?@[]~") set(ch.charCodeAt(0), ch.charCodeAt(0), URL);
  for (const ch of ' \t\n\r\f\v') set(ch.charCodeAt(0), ch.charCodeAt(0), SPACE);
  for (const c of [0x85, 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff])
    set(c, c, SPACE);
  set(0x2000, 0x200a, SPACE);
  // Letters of scripts whose IDNs show up in reports. CJK, Hangul, Kana, Arabic and Hebrew are
  // deliberately NOT host characters: IOCs are glued to them without spaces (rule 12).
  const idn = IDN | WORD | URL;
  set(0xc0, 0xd6, idn);
  set(0xd8, 0xf6, idn);
  set(0xf8, 0x24f, idn);
  set(0x300, 0x36f, idn); // combining marks (decomposed accents)
  set(0x370, 0x373, idn);
  set(0x376, 0x377, idn);
  set(0x37b, 0x37d, idn);
  set(0x386, 0x386, idn);
  set(0x388, 0x3ff, idn);
  set(0x400, 0x481, idn);
  set(0x48a, 0x52f, idn);
  set(0x1e00, 0x1eff, idn); // Latin Extended Additional (Vietnamese)
  return t;
}

export const CHAR_CLASS: Uint8Array = buildTable();

export function has(c: number, bits: number): boolean {
  return ((CHAR_CLASS[c] ?? 0) & bits) !== 0;
}

export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

export function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

export function isAsciiAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

export function isHexDigit(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

export function isSpace(c: number): boolean {
  return has(c, SPACE);
}

/** Label character of a host name: ASCII alnum, '-' or an accepted IDN letter. */
export function isLabelChar(c: number): boolean {
  return isAsciiAlnum(c) || c === 45 || has(c, IDN);
}

/** Hyphen-like characters that may separate the parts of a CVE id (rule 11). */
export function isDash(c: number): boolean {
  return c === 45 || (c >= 0x2010 && c <= 0x2015) || c === 0x2212;
}

export function lowerAscii(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c;
}

/**
 * True when the '.' at `dot` joins the token after it to a word before it (`a.1.2.3.4`,
 * `x.2001::1`): a single dot right after a host-name character. A run of dots (`..`, `...`) or
 * a dot after other punctuation is prose, so the token after it stands on its own.
 */
export function dotJoinsWord(v: string, dot: number): boolean {
  if (dot <= 0) return false;
  const c = v.charCodeAt(dot - 1);
  return isAsciiAlnum(c) || c === 95 || c === 45 || (c >= 0x80 && has(c, IDN));
}
