/**
 * Allowlist and exclusion handling. The allowlist holds what an analyst never wants reported
 * (their own domains and networks): exact domains, `*.domain` wildcards, IPs and CIDR ranges.
 * excludeDomains is the per-call list (e.g. the page's own host): a domain, its subdomains,
 * and URLs/e-mails on them are dropped.
 */

import ipaddr from 'ipaddr.js';
import { hostnameToAscii, isPublicHostname } from './hostname';
import { parse as parseTldts } from 'tldts';
import type { IocType } from './types';

type Addr = ipaddr.IPv4 | ipaddr.IPv6;

export interface CompiledAllowlist {
  readonly domains: ReadonlySet<string>;
  /** Parents of `*.parent` entries: match the parent and anything under it. */
  readonly wildcards: readonly string[];
  readonly nets: ReadonlyArray<readonly [Addr, number]>;
}

function parseIpStrict(s: string): Addr | null {
  if (ipaddr.IPv4.isValidFourPartDecimal(s)) return ipaddr.IPv4.parse(s);
  if (s.includes(':') && ipaddr.IPv6.isValid(s)) return ipaddr.IPv6.parse(s);
  return null;
}

function parseCidrStrict(s: string): readonly [Addr, number] | null {
  const slash = s.indexOf('/');
  if (slash < 0) return null;
  const addr = parseIpStrict(s.slice(0, slash));
  const bitsText = s.slice(slash + 1);
  if (addr === null || !/^\d{1,3}$/.test(bitsText)) return null;
  const bits = Number(bitsText);
  if (bits > (addr.kind() === 'ipv4' ? 32 : 128)) return null;
  return [addr, bits];
}

/**
 * Checks one allowlist entry as typed in the options page. Returns null when it is usable,
 * otherwise a message for the analyst.
 */
export function validateAllowlistEntry(entry: string): string | null {
  const e = entry.trim();
  if (e.length === 0) return 'Entry is empty.';
  if (/\s/.test(e)) return 'Entry must not contain spaces.';
  if (e.includes('://')) return 'Enter the host name only (for example example.com), not a URL.';
  if (e.includes('@')) return 'E-mail addresses are not supported; enter their domain instead.';
  if (e.includes('/')) {
    const net = parseCidrStrict(e);
    if (net === null)
      return `"${e}" is not a valid CIDR range (expected e.g. 10.0.0.0/8 or 2001:db8::/32).`;
    if (net[1] === 0) return 'A /0 range would allowlist every address.';
    return null;
  }
  if (parseIpStrict(e) !== null) return null;
  if (/^[\d.]+$/.test(e)) return `"${e}" is not a valid IPv4 address.`;
  let host = e;
  let wildcard = false;
  if (host.startsWith('*.')) {
    wildcard = true;
    host = host.slice(2);
  }
  if (host.includes('*')) return 'Only a leading "*." wildcard is supported (e.g. *.example.com).';
  const ascii = hostnameToAscii(host);
  if (ascii === null) return `"${e}" is not a valid domain name.`;
  if (wildcard) {
    const r = parseTldts(ascii, { extractHostname: false });
    if (r.publicSuffix === ascii) return `"${e}" would allowlist a whole public suffix.`;
  }
  return null;
}

export function compileAllowlist(entries: readonly string[]): CompiledAllowlist {
  const domains = new Set<string>();
  const wildcards: string[] = [];
  const nets: Array<readonly [Addr, number]> = [];
  for (const raw of entries) {
    if (validateAllowlistEntry(raw) !== null) continue;
    const e = raw.trim();
    const net = parseCidrStrict(e);
    if (net !== null) {
      nets.push(net);
      continue;
    }
    const ip = parseIpStrict(e);
    if (ip !== null) {
      nets.push([ip, ip.kind() === 'ipv4' ? 32 : 128]);
      continue;
    }
    if (e.startsWith('*.')) {
      const ascii = hostnameToAscii(e.slice(2));
      if (ascii !== null) wildcards.push(ascii);
    } else {
      const ascii = hostnameToAscii(e);
      if (ascii !== null) domains.add(ascii);
    }
  }
  return { domains, wildcards, nets };
}

function isUnder(host: string, parent: string): boolean {
  return (
    host === parent ||
    (host.endsWith(parent) && host.charCodeAt(host.length - parent.length - 1) === 46)
  );
}

/** Host of a URL value (authority without userinfo, port and brackets), lower case. */
export function hostOfUrl(url: string): string | null {
  const sep = url.indexOf('://');
  if (sep < 0) return null;
  let end = url.length;
  for (let i = sep + 3; i < url.length; i++) {
    const c = url.charCodeAt(i);
    if (c === 47 || c === 63 || c === 35) {
      end = i;
      break;
    }
  }
  let auth = url.slice(sep + 3, end);
  const at = auth.lastIndexOf('@');
  if (at >= 0) auth = auth.slice(at + 1);
  if (auth.startsWith('[')) {
    const close = auth.indexOf(']');
    return close > 0 ? auth.slice(1, close).toLowerCase() : null;
  }
  const colon = auth.indexOf(':');
  if (colon >= 0) auth = auth.slice(0, colon);
  return hostnameToAscii(auth) ?? auth.toLowerCase();
}

function hostOf(type: IocType, value: string): string | null {
  if (type === 'domain') return value;
  if (type === 'url') return hostOfUrl(value);
  if (type === 'email') return value.slice(value.lastIndexOf('@') + 1);
  return null;
}

function matchesNet(c: CompiledAllowlist, addr: Addr, prefix: number): boolean {
  for (const [net, bits] of c.nets) {
    if (net.kind() !== addr.kind() || bits > prefix) continue;
    if (addr.kind() === 'ipv4' && (addr as ipaddr.IPv4).match(net as ipaddr.IPv4, bits))
      return true;
    if (addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).match(net as ipaddr.IPv6, bits))
      return true;
  }
  return false;
}

function matchesHost(c: CompiledAllowlist, host: string): boolean {
  const ip = parseIpStrict(host);
  if (ip !== null) return matchesNet(c, ip, ip.kind() === 'ipv4' ? 32 : 128);
  if (c.domains.has(host)) return true;
  for (const w of c.wildcards) if (isUnder(host, w)) return true;
  return false;
}

export function matchesAllowlist(c: CompiledAllowlist, type: IocType, value: string): boolean {
  switch (type) {
    case 'ipv4':
    case 'ipv6': {
      const ip = parseIpStrict(value);
      return ip !== null && matchesNet(c, ip, ip.kind() === 'ipv4' ? 32 : 128);
    }
    case 'cidr': {
      const net = parseCidrStrict(value);
      return net !== null && matchesNet(c, net[0], net[1]);
    }
    case 'domain':
    case 'url':
    case 'email': {
      const host = hostOf(type, value);
      return host !== null && matchesHost(c, host);
    }
    default:
      return false;
  }
}

const compiledCache = new WeakMap<readonly string[], CompiledAllowlist>();

/** True when an IOC (type + normalised value) is covered by the allowlist. */
export function isAllowlisted(type: IocType, value: string, allowlist: readonly string[]): boolean {
  let c = compiledCache.get(allowlist);
  if (c === undefined) {
    c = compileAllowlist(allowlist);
    compiledCache.set(allowlist, c);
  }
  return matchesAllowlist(c, type, value);
}

export interface Exclusions {
  readonly domains: readonly string[];
  readonly ips: ReadonlySet<string>;
}

export function compileExclusions(entries: readonly string[]): Exclusions {
  const domains: string[] = [];
  const ips = new Set<string>();
  for (const raw of entries) {
    let e = raw.trim();
    if (e.includes('://')) e = hostOfUrl(e) ?? '';
    if (e.startsWith('[') && e.endsWith(']')) e = e.slice(1, -1);
    if (e.startsWith('*.')) e = e.slice(2);
    const ip = parseIpStrict(e);
    if (ip !== null) {
      ips.add(ip.kind() === 'ipv6' ? (ip as ipaddr.IPv6).toRFC5952String() : ip.toString());
      continue;
    }
    const ascii = hostnameToAscii(e);
    if (ascii !== null) domains.push(ascii);
  }
  return { domains, ips };
}

export function isExcluded(ex: Exclusions, type: IocType, value: string): boolean {
  if (type === 'ipv4' || type === 'ipv6') return ex.ips.has(value);
  const host = hostOf(type, value);
  if (host === null) return false;
  if (ex.ips.has(host)) return true;
  for (const d of ex.domains) if (isUnder(host, d)) return true;
  return false;
}

/** Exposed for tests and the options page: is this host a reportable public domain? */
export function isReportableDomain(host: string): boolean {
  const ascii = hostnameToAscii(host);
  return ascii !== null && isPublicHostname(ascii);
}
