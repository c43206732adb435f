/**
 * Normal forms of IOC values (corpus README, "Normalisation of values"). The extractor builds
 * every value by passing the refanged text of its span through normaliseValue, and the fuzz
 * test checks that refang(original span text) normalises to the same value: one definition,
 * used both ways.
 */

import type { IocType } from './types';
import { hostnameToAscii } from './hostname';
import { canonicalIpv4, canonicalIpv6 } from './ip';
import { normaliseMac } from './scan-mac';
import { normaliseRegistryKey } from './scan-registry';

function stripWhitespace(s: string): string {
  if (!/\s/.test(s)) return s;
  let out = '';
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) {
      out += s.slice(from, i);
      from = i + 1;
    }
  }
  return from === 0 ? s : out + s.slice(from);
}

function normaliseUrl(raw: string): string | null {
  // Line breaks inside a URL come from re-joined wrapped lines (rule 8).
  const s = stripWhitespace(raw);
  const sep = s.indexOf('://');
  if (sep <= 0) return null;
  return s.slice(0, sep).toLowerCase() + s.slice(sep);
}

function normaliseEmail(raw: string): string | null {
  let s = stripWhitespace(raw);
  if (s.slice(0, 7).toLowerCase() === 'mailto:') s = s.slice(7);
  const at = s.lastIndexOf('@');
  if (at <= 0) return null;
  const host = hostnameToAscii(s.slice(at + 1));
  return host === null ? null : s.slice(0, at) + '@' + host;
}

function normaliseAsn(raw: string): string | null {
  let digits = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c >= 48 && c <= 57) digits += raw[i];
  }
  return digits.length === 0 ? null : 'AS' + digits;
}

function normaliseMitre(raw: string): string {
  let s = raw.toUpperCase();
  if (s.startsWith('ATTACK.')) s = s.slice(7);
  // /techniques/T1059/001 (URL form of a sub-technique) -> T1059.001
  return s.replace('/', '.');
}

export function normaliseValue(type: IocType, raw: string): string | null {
  switch (type) {
    case 'url':
      return normaliseUrl(raw);
    case 'domain':
      return hostnameToAscii(stripWhitespace(raw));
    case 'email':
      return normaliseEmail(raw);
    case 'ipv4':
      return canonicalIpv4(raw);
    case 'ipv6':
      return canonicalIpv6(raw);
    case 'cidr':
      return raw;
    case 'md5':
    case 'sha1':
    case 'sha224':
    case 'sha256':
    case 'sha384':
    case 'sha512':
      return stripWhitespace(raw).toLowerCase();
    case 'ssdeep':
      return raw;
    case 'mac':
      return normaliseMac(raw);
    case 'registry-key':
      return normaliseRegistryKey(raw);
    case 'filename':
      return raw;
    case 'cve':
      return raw.replace(/[\u2010-\u2015\u2212]/g, '-').toUpperCase();
    case 'asn':
      return normaliseAsn(raw);
    case 'mitre-attack':
      return normaliseMitre(raw);
    case 'btc':
      return raw.slice(0, 3).toLowerCase() === 'bc1' ? raw.toLowerCase() : raw;
  }
}
