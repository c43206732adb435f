import type { ExtractableIocType } from '../../utils/settings/schema';

/** Group headings of the IOC list. */
export const TYPE_LABELS: Record<ExtractableIocType, string> = {
  ipv4: 'IPv4 addresses',
  ipv6: 'IPv6 addresses',
  cidr: 'CIDR ranges',
  domain: 'Domains',
  url: 'URLs',
  email: 'Email addresses',
  md5: 'MD5 hashes',
  sha1: 'SHA-1 hashes',
  sha224: 'SHA-224 hashes',
  sha256: 'SHA-256 hashes',
  sha384: 'SHA-384 hashes',
  sha512: 'SHA-512 hashes',
  ssdeep: 'SSDEEP hashes',
  cve: 'CVEs',
  asn: 'Autonomous systems',
  'mitre-attack': 'MITRE ATT&CK techniques',
  btc: 'Bitcoin addresses',
  mac: 'MAC addresses',
  'registry-key': 'Registry keys',
  filename: 'File names',
};

/**
 * An href only for http(s) URLs. Every link the dialog draws comes from the history (built by
 * incidentLink, already http(s)-only), but the dialog never trusts that: a javascript: or
 * data: URL is shown as text, never made clickable.
 */
export function safeHref(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/** Where a draft came from, in the dialog's "From … on …" line. */
export const SOURCE_WORDS: Record<string, string> = {
  selection: 'selection',
  link: 'link',
  page: 'page',
  'ctix-object': 'Intel Exchange object',
  'ctix-bulk': 'Intel Exchange selection',
  bulletin: 'threat bulletin',
  investigation: 'threat investigation',
};
