/**
 * Host-name normalisation and public-suffix validation (corpus rules 24–26).
 */

import { parse } from 'tldts';
import { labelToAscii } from './punycode';

// Caches: reports repeat the same hosts and TLDs many times. Bounded so that adversarial
// input with millions of distinct names cannot grow them without limit.
const CACHE_LIMIT = 20_000;
const asciiCache = new Map<string, string | null>();

const TLDTS_OPTIONS = {
  allowPrivateDomains: false,
  extractHostname: false,
  detectIp: false,
  validateHostname: false,
  mixedInputs: false,
} as const;

/**
 * Lower-cases a host candidate, drops a leading `*.` and trailing root dots, converts IDN
 * labels to A-labels and checks label syntax. Returns null when it is not a syntactically
 * valid multi-label host name. Does not consult the public suffix list.
 */
export function hostnameToAscii(raw: string): string | null {
  const cached = asciiCache.get(raw);
  if (cached !== undefined) return cached;
  const result = computeAscii(raw);
  if (asciiCache.size >= CACHE_LIMIT) asciiCache.clear();
  asciiCache.set(raw, result);
  return result;
}

/**
 * Fast path for names written in ASCII (nearly all): one pass checks label syntax and
 * lengths, no split/join. Returns undefined when the name has non-ASCII characters (the general
 * path below handles those), null when it is not a valid multi-label name.
 */
function asciiFast(raw: string, start: number, end: number): string | null | undefined {
  let labelStart = start;
  let labels = 0;
  let upper = false;
  for (let i = start; i <= end; i++) {
    const c = i < end ? raw.charCodeAt(i) : 46;
    if (c === 46) {
      const len = i - labelStart;
      if (len === 0 || len > 63) return null;
      if (raw.charCodeAt(labelStart) === 45 || raw.charCodeAt(i - 1) === 45) return null;
      labels++;
      labelStart = i + 1;
    } else if (c >= 97 && c <= 122) {
      // lower-case letter
    } else if ((c >= 48 && c <= 57) || c === 45) {
      // digit, hyphen
    } else if (c >= 65 && c <= 90) {
      upper = true;
    } else if (c >= 0x80) {
      return undefined;
    } else return null;
  }
  if (labels < 2) return null;
  const host = start === 0 && end === raw.length ? raw : raw.slice(start, end);
  return upper ? host.toLowerCase() : host;
}

/** hostnameToAscii without its cache, for callers that cache the answer themselves. */
export function computeAscii(raw: string): string | null {
  let start = 0;
  let end = raw.length;
  if (raw.startsWith('*.')) start = 2;
  while (end > start && raw.charCodeAt(end - 1) === 46) end--;
  if (end - start < 3 || end - start > 253) return null;
  const fast = asciiFast(raw, start, end);
  if (fast !== undefined) return fast;
  const labels = raw.slice(start, end).split('.');
  if (labels.length < 2) return null;
  const out: string[] = [];
  for (const label of labels) {
    if (label.length === 0 || label.length > 63) return null;
    const ascii = labelToAscii(label);
    if (ascii === null || ascii.length === 0 || ascii.length > 63) return null;
    for (let i = 0; i < ascii.length; i++) {
      const c = ascii.charCodeAt(i);
      const ok = (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 45;
      if (!ok) return null;
    }
    if (ascii.charCodeAt(0) === 45 || ascii.charCodeAt(ascii.length - 1) === 45) return null;
    out.push(ascii);
  }
  const host = out.join('.');
  return host.length > 253 ? null : host;
}

const publicCache = new Map<string, boolean>();
const tldCache = new Map<string, boolean>();

/**
 * Empties the per-text caches (called at the start of every extraction, so each call's speed
 * does not depend on what was extracted before). The TLD cache stays: it is small and only
 * mirrors the public suffix list.
 */
export function resetHostnameCaches(): void {
  asciiCache.clear();
  publicCache.clear();
}

function remember(cache: Map<string, boolean>, key: string, value: boolean): boolean {
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, value);
  return value;
}

/** True when `label` (lower-case ASCII) is an ICANN top-level domain (or `onion`). */
export function isPublicTld(label: string): boolean {
  const cached = tldCache.get(label);
  if (cached !== undefined) return cached;
  let ok = label.length >= 2 && label.length <= 63;
  if (ok) {
    for (let i = 0; i < label.length && ok; i++) {
      const c = label.charCodeAt(i);
      // TLDs are letters only, except A-label TLDs (xn--p1ai).
      ok =
        (c >= 97 && c <= 122) ||
        ((c >= 48 && c <= 57) || c === 45 ? label.startsWith('xn--') : false);
    }
  }
  if (ok) {
    const r = parse('x.' + label, TLDTS_OPTIONS);
    ok = r.isIcann === true && r.publicSuffix === label;
  }
  return remember(tldCache, label, ok);
}

/**
 * True when an ASCII host name (output of hostnameToAscii) ends in an ICANN public suffix
 * (`.onion` included, internal suffixes such as `.local`/`.corp` excluded) and has at least
 * one label in front of that suffix (so `co.uk` alone is not a domain).
 */
export function isPublicHostname(ascii: string): boolean {
  const cached = publicCache.get(ascii);
  if (cached !== undefined) return cached;
  const dot = ascii.lastIndexOf('.');
  let ok = dot > 0 && isPublicTld(ascii.slice(dot + 1));
  if (ok) {
    const r = parse(ascii, TLDTS_OPTIONS);
    ok = r.isIcann === true && typeof r.domain === 'string' && r.domain.length > 0;
  }
  return remember(publicCache, ascii, ok);
}

/** Last label of a dotted ASCII host name. */
export function tldOf(ascii: string): string {
  return ascii.slice(ascii.lastIndexOf('.') + 1);
}
