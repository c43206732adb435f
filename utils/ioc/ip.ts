/**
 * IPv4/IPv6 parsing and classification. Parsing is strict and hand-written (so that MACs,
 * times and byte strings are rejected for the right reasons); ipaddr.js classifies ranges and
 * prints the RFC 5952 form.
 */

import ipaddr from 'ipaddr.js';
import { isHexDigit } from './chars';

// Ranges ipaddr.js reports that Python's ipaddress (the corpus reference, rule 16) considers
// globally routable. Everything else that is not 'unicast' is flagged private.
const GLOBAL_V4 = new Set<string>(['unicast', 'as112', 'amt']);
const GLOBAL_V6 = new Set<string>(['unicast', '6to4']);

/** Parses a dotted quad (leading zeros allowed and treated as decimal, rule 15). */
export function parseIpv4(s: string): number[] | null {
  const parts = s.split('.');
  if (parts.length !== 4) return null;
  const out: number[] = [];
  for (const p of parts) {
    if (p.length === 0 || p.length > 3) return null;
    let v = 0;
    for (let i = 0; i < p.length; i++) {
      const c = p.charCodeAt(i);
      if (c < 48 || c > 57) return null;
      v = v * 10 + (c - 48);
    }
    if (v > 255) return null;
    out.push(v);
  }
  return out;
}

const v4Cache = new Map<number, boolean>();

export function isPrivateIpv4(octets: readonly number[]): boolean {
  // Every ipaddr.js IPv4 range is a /24 or wider except broadcast 255.255.255.255/32, so the
  // answer is the same for a whole /24: cached per /24 (reports list many hosts of one net).
  const key = ((octets[0] ?? 0) * 256 + (octets[1] ?? 0)) * 256 + (octets[2] ?? 0);
  if (key === 0xffffff) return !GLOBAL_V4.has(new ipaddr.IPv4([...octets]).range());
  const cached = v4Cache.get(key);
  if (cached !== undefined) return cached;
  const priv = !GLOBAL_V4.has(new ipaddr.IPv4([...octets]).range());
  if (v4Cache.size >= 50_000) v4Cache.clear();
  v4Cache.set(key, priv);
  return priv;
}

export interface ParsedIpv6 {
  /** RFC 5952 text, or the dotted quad for an IPv4-mapped address (rule 21). */
  value: string;
  version: 4 | 6;
  private: boolean;
}

/**
 * Strict IPv6 syntax check: 1–4 hex digits per group, at most one `::`, eight groups (or
 * fewer with `::`), optional trailing dotted quad. Zone ids and brackets must be removed by
 * the caller. Also refuses shapes that are valid IPv6 on paper but in practice are other
 * things: eight 2-digit groups (certificate serials/fingerprint fragments) and short
 * digit-free forms such as `a::b` or `dead::beef` (C++/Ruby scopes).
 */
const v6Cache = new Map<string, ParsedIpv6 | null>();

/** Empties the per-text caches (see resetHostnameCaches). */
export function resetIpCaches(): void {
  v4Cache.clear();
  v6Cache.clear();
}

export function parseIpv6(s: string): ParsedIpv6 | null {
  const cached = v6Cache.get(s);
  if (cached !== undefined) return cached;
  const parsed = parseIpv6Uncached(s);
  if (v6Cache.size >= 20_000) v6Cache.clear();
  v6Cache.set(s, parsed);
  return parsed;
}

function parseIpv6Uncached(s: string): ParsedIpv6 | null {
  if (s.length < 2 || s.length > 45) return null;
  const dbl = s.indexOf('::');
  if (dbl >= 0 && s.indexOf('::', dbl + 1) >= 0) return null;
  const head = dbl >= 0 ? s.slice(0, dbl) : s;
  const tail = dbl >= 0 ? s.slice(dbl + 2) : '';
  const headParts = head === '' ? [] : head.split(':');
  const tailParts = tail === '' ? [] : tail.split(':');
  const parts = [...headParts, ...tailParts];
  if (parts.length === 0) return null;
  // A dotted quad may only end the address (after `::` when there is one).
  const lastIsTextualEnd = dbl < 0 || tailParts.length > 0;
  let groups = 0;
  let digits = false;
  let allTwo = true;
  for (let k = 0; k < parts.length; k++) {
    const p = parts[k] ?? '';
    if (p.includes('.')) {
      if (k !== parts.length - 1 || !lastIsTextualEnd || parseIpv4(p) === null) return null;
      groups += 2;
      digits = true;
      allTwo = false;
      continue;
    }
    if (p.length === 0 || p.length > 4) return null;
    for (let i = 0; i < p.length; i++) {
      const c = p.charCodeAt(i);
      if (!isHexDigit(c)) return null;
      if (c >= 48 && c <= 57) digits = true;
    }
    if (p.length !== 2) allTwo = false;
    groups++;
  }
  if (dbl < 0 ? groups !== 8 : groups > 7) return null;
  if (dbl < 0 && allTwo) return null;
  if (!digits && groups < 3) return null;
  let addr: ipaddr.IPv6;
  try {
    addr = ipaddr.IPv6.parse(s);
  } catch {
    return null; // belt and braces: the checks above should already have refused it
  }
  const range = addr.range();
  if (range === 'ipv4Mapped') {
    const v4 = addr.toIPv4Address();
    return { value: v4.toString(), version: 4, private: isPrivateIpv4(v4.octets) };
  }
  return { value: addr.toRFC5952String(), version: 6, private: !GLOBAL_V6.has(range) };
}

/** Canonical IPv4 text from a span's text: a dotted quad, or an IPv4-mapped IPv6 address. */
export function canonicalIpv4(s: string): string | null {
  if (s.includes(':')) {
    const p = parseIpv6(stripBracketsAndZone(s));
    return p !== null && p.version === 4 ? p.value : null;
  }
  const octets = parseIpv4(s);
  return octets === null ? null : octets.join('.');
}

function stripBracketsAndZone(s: string): string {
  let t = s;
  if (t.startsWith('[')) t = t.slice(1);
  const close = t.indexOf(']');
  if (close >= 0) t = t.slice(0, close);
  const pct = t.indexOf('%');
  return pct >= 0 ? t.slice(0, pct) : t;
}

/** Canonical IPv6 text from a span's text: brackets and zone id removed. */
export function canonicalIpv6(s: string): string | null {
  const p = parseIpv6(stripBracketsAndZone(s));
  return p === null || p.version !== 6 ? null : p.value;
}
