/**
 * URL pass (corpus rules 5–8): http, https and ftp URLs (after refanging), their end decided by
 * the characters URLs may contain, the delimiter that opened them, and trailing-punctuation
 * trimming with bracket balancing. Claims the scheme and authority, so the host is not
 * reported again as a domain/IP (rule 3), and records the path so the other passes report IOCs
 * inside it (rule 4).
 *
 * Linear: `://` is found with indexOf; an authority scan stops at the first `/`, so authority
 * scans never overlap; a path is scanned once per outer URL, and URLs nested inside another
 * URL's path reuse the outer end instead of rescanning (at most MAX_NESTED per outer URL).
 */

import { URL as URL_CHAR, has, isAsciiAlnum, isAsciiLetter, isDigit } from './chars';
import type { ScanContext } from './scan-context';
import { hostnameToAscii, isPublicHostname } from './hostname';
import { parseIpv4, parseIpv6 } from './ip';
import { normaliseValue } from './normalise';

/** http, https or ftp (any case) in v[s, p). */
function isWebScheme(v: string, s: number, p: number): boolean {
  const len = p - s;
  const c0 = v.charCodeAt(s) | 32;
  const c1 = v.charCodeAt(s + 1) | 32;
  const c2 = v.charCodeAt(s + 2) | 32;
  if (c0 === 102) return len === 3 && c1 === 116 && c2 === 112; // ftp
  if (c0 !== 104 || c1 !== 116 || c2 !== 116 || (v.charCodeAt(s + 3) | 32) !== 112) return false;
  return len === 4 || (len === 5 && (v.charCodeAt(s + 4) | 32) === 115); // http, https
}
const MAX_NESTED = 8;
const MAX_WRAP_LINES = 8;

/** Characters never kept at the end of a URL (rule 7). */
function isTrailingPunct(c: number): boolean {
  // . , ; : ! ? ' " *
  return (
    c === 46 ||
    c === 44 ||
    c === 59 ||
    c === 58 ||
    c === 33 ||
    c === 63 ||
    c === 39 ||
    c === 34 ||
    c === 42
  );
}

/** The delimiter that closes a URL opened right after `opener`, or -1. */
function closerFor(opener: number): number {
  switch (opener) {
    case 40: // (
      return 41;
    case 91: // [
      return 93;
    case 123: // {
      return 125;
    case 60: // <
      return 62;
    case 39: // '
    case 34: // "
    case 96: // `
      return opener;
    default:
      return -1;
  }
}

/** Trims trailing punctuation and unbalanced closing brackets from [from, end). */
function trimEnd(v: string, from: number, end: number): number {
  let openP = 0;
  let closeP = 0;
  let openB = 0;
  let closeB = 0;
  for (let i = from; i < end; i++) {
    const c = v.charCodeAt(i);
    if (c === 40) openP++;
    else if (c === 41) closeP++;
    else if (c === 91) openB++;
    else if (c === 93) closeB++;
  }
  let e = end;
  while (e > from) {
    const c = v.charCodeAt(e - 1);
    if (isTrailingPunct(c)) e--;
    else if (c === 41 && closeP > openP) {
      closeP--;
      e--;
    } else if (c === 93 && closeB > openB) {
      closeB--;
      e--;
    } else break;
  }
  return e;
}

interface Authority {
  hostStart: number;
  hostEnd: number;
}

/** Validates userinfo@host:port in [start, end); the host must be an IP or a public name. */
function parseAuthority(v: string, start: number, end: number): Authority | null {
  let at = -1;
  for (let i = start; i < end; i++) if (v.charCodeAt(i) === 64) at = i;
  const hostStart = at >= 0 ? at + 1 : start;
  if (hostStart >= end) return null;
  let hostEnd: number;
  if (v.charCodeAt(hostStart) === 91) {
    const close = v.indexOf(']', hostStart);
    if (close < 0 || close >= end) return null;
    let inner = v.slice(hostStart + 1, close);
    const pct = inner.indexOf('%');
    if (pct >= 0) inner = inner.slice(0, pct);
    if (parseIpv6(inner) === null) return null;
    hostEnd = close + 1;
  } else {
    hostEnd = hostStart;
    while (hostEnd < end && v.charCodeAt(hostEnd) !== 58) hostEnd++;
    const host = v.slice(hostStart, hostEnd);
    let numeric = true;
    for (let i = 0; i < host.length && numeric; i++) {
      const c = host.charCodeAt(i);
      numeric = isDigit(c) || c === 46;
    }
    if (numeric) {
      if (parseIpv4(host) === null) return null;
    } else {
      const ascii = hostnameToAscii(host);
      if (ascii === null || !isPublicHostname(ascii)) return null;
    }
  }
  if (hostEnd < end) {
    // Only a numeric port may follow the host.
    if (v.charCodeAt(hostEnd) !== 58 || end - hostEnd > 6) return null;
    for (let i = hostEnd + 1; i < end; i++) if (!isDigit(v.charCodeAt(i))) return null;
  }
  return { hostStart, hostEnd };
}

function looksLikeHost(seg: string): boolean {
  if (parseIpv4(seg) !== null) return true;
  const ascii = hostnameToAscii(seg);
  return ascii !== null && isPublicHostname(ascii);
}

/**
 * Rule 8: a URL that ends with "/" at the end of a line continues on the next line when that
 * line is a single path-like token (has / ? = or &, no scheme, does not start with a host).
 */
function joinWrappedLines(v: string, end: number): number {
  let e = end;
  for (let joins = 0; joins < MAX_WRAP_LINES; joins++) {
    if (v.charCodeAt(e - 1) !== 47) break;
    let line = e;
    if (v.charCodeAt(line) === 13) line++;
    if (v.charCodeAt(line) !== 10) break;
    line++;
    let lineEnd = line;
    while (lineEnd < v.length && has(v.charCodeAt(lineEnd), URL_CHAR)) lineEnd++;
    if (lineEnd === line) break;
    const after = lineEnd < v.length ? v.charCodeAt(lineEnd) : 10;
    if (after !== 10 && after !== 13) break;
    const cont = v.slice(line, lineEnd);
    if (cont.includes('://') || !/[/?=&]/.test(cont)) break;
    const slash = cont.indexOf('/');
    if (looksLikeHost(slash >= 0 ? cont.slice(0, slash) : cont)) break;
    const trimmed = trimEnd(v, line, lineEnd);
    if (trimmed === line) break;
    e = trimmed;
    if (trimmed < lineEnd) break;
  }
  return e;
}

export function scanUrls(ctx: ScanContext): void {
  const v = ctx.view;
  const n = v.length;
  const emitting = ctx.out.enabled('url');
  let from = 0;
  let outerEnd = -1;
  let nested = 0;
  for (;;) {
    const p = v.indexOf('://', from);
    if (p < 0) break;
    from = p + 3;
    let s = p;
    while (s > 0 && p - s < 6 && isAsciiLetter(v.charCodeAt(s - 1))) s--;
    if (p - s < 3 || (s > 0 && isAsciiAlnum(v.charCodeAt(s - 1)))) continue;
    if (!isWebScheme(v, s, p)) continue;

    const inOuter = s < outerEnd;
    if (inOuter && ++nested > MAX_NESTED) {
      from = outerEnd;
      continue;
    }
    const limit = inOuter ? outerEnd : n;
    const opener = s > 0 ? v.charCodeAt(s - 1) : -1;
    const closer = inOuter ? -1 : closerFor(opener);
    const symmetric = closer === opener;

    // Authority: up to the first / ? # (or the closing delimiter).
    const authStart = p + 3;
    let e = authStart;
    let depth = 0;
    while (e < limit) {
      const c = v.charCodeAt(e);
      if (c === 47 || c === 63 || c === 35 || !has(c, URL_CHAR)) break;
      if (c === closer) {
        if (symmetric || depth === 0) break;
        depth--;
      } else if (c === opener && !symmetric && closer >= 0) {
        depth++;
      }
      e++;
    }
    const c0 = e < limit ? v.charCodeAt(e) : -1;
    const hasPath = c0 === 47 || c0 === 63 || c0 === 35;
    const authEnd = hasPath ? e : trimEnd(v, authStart, e);
    const auth = parseAuthority(v, authStart, authEnd);
    if (auth === null) continue;

    let end = authEnd;
    let joined = false;
    if (hasPath) {
      while (e < limit) {
        const c = v.charCodeAt(e);
        if (!has(c, URL_CHAR)) break;
        if (c === closer) {
          if (symmetric || depth === 0) break;
          depth--;
        } else if (c === opener && !symmetric && closer >= 0) {
          depth++;
        }
        e++;
      }
      end = Math.max(authEnd, trimEnd(v, authEnd, e));
      if (!inOuter && end === e) {
        const rawEnd = end;
        end = joinWrappedLines(v, end);
        joined = end !== rawEnd;
      }
    }

    if (!inOuter) {
      outerEnd = end;
      nested = 0;
    }
    // With url reporting off, the host stays unclaimed so it is reported as a domain/IP.
    ctx.claims.add(s, emitting ? authEnd : auth.hostStart);
    ctx.urlPaths.add(authEnd, end);
    if (!emitting) continue;
    // Fast path: a lower-case scheme and no re-joined line break means the text is the value.
    const text = v.slice(s, end);
    let lowerScheme = !joined;
    for (let k = s; k < p && lowerScheme; k++) lowerScheme = v.charCodeAt(k) >= 97;
    const value = lowerScheme ? text : normaliseValue('url', text);
    if (value !== null) ctx.out.add('url', value, s, end);
  }
}
