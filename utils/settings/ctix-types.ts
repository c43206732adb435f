import type { ExtractableIocType } from './schema';

/**
 * The Intel Exchange spelling of each type our extractor finds (cyware-api.md §4). The field
 * mapping is keyed by Intel Exchange types, so an extracted IOC is mapped through this table.
 * `cidr`, `cve`, `mitre-attack` and `btc` have no IOC type of their own in CTIX: they map to
 * the names CQL/allow lists know (cidr) or to the object type an analyst would map
 * (vulnerability, attack-pattern), and btc to a custom name an admin can map explicitly.
 */
export const CTIX_TYPE_OF_EXTRACTED: Record<ExtractableIocType, string> = {
  ipv4: 'ipv4-addr',
  ipv6: 'ipv6-addr',
  cidr: 'cidr',
  domain: 'domain-name',
  url: 'url',
  email: 'email-addr',
  md5: 'MD5',
  sha1: 'SHA-1',
  sha224: 'SHA-224',
  sha256: 'SHA-256',
  sha384: 'SHA-384',
  sha512: 'SHA-512',
  ssdeep: 'SSDEEP',
  cve: 'vulnerability',
  asn: 'autonomous-system',
  'mitre-attack': 'attack-pattern',
  btc: 'btc-address',
  mac: 'mac-addr',
  'registry-key': 'windows-registry-key',
  filename: 'file',
};

/** Offered in the mapping editor when no live Intel Exchange connection lists the tenant's. */
export const BUILTIN_CTIX_TYPES: readonly { id: string; name: string }[] = [
  { id: 'ipv4-addr', name: 'IPv4 Address' },
  { id: 'ipv6-addr', name: 'IPv6 Address' },
  { id: 'cidr', name: 'CIDR' },
  { id: 'domain-name', name: 'Domain' },
  { id: 'url', name: 'URL' },
  { id: 'email-addr', name: 'Email Address' },
  { id: 'MD5', name: 'MD5' },
  { id: 'SHA-1', name: 'SHA-1' },
  { id: 'SHA-224', name: 'SHA-224' },
  { id: 'SHA-256', name: 'SHA-256' },
  { id: 'SHA-384', name: 'SHA-384' },
  { id: 'SHA-512', name: 'SHA-512' },
  { id: 'SSDEEP', name: 'SSDEEP' },
  { id: 'autonomous-system', name: 'Autonomous System' },
  { id: 'mac-addr', name: 'MAC Address' },
  { id: 'email-message', name: 'Email Message' },
  { id: 'file', name: 'File' },
  { id: 'windows-registry-key', name: 'Windows Registry Key' },
  { id: 'user-agent', name: 'User Agent' },
  { id: 'btc-address', name: 'Bitcoin Address' },
  { id: 'vulnerability', name: 'Vulnerability (object)' },
  { id: 'attack-pattern', name: 'Attack Pattern (object)' },
  { id: 'malware', name: 'Malware (object)' },
  { id: 'threat-actor', name: 'Threat Actor (object)' },
  { id: 'campaign', name: 'Campaign (object)' },
  { id: 'tool', name: 'Tool (object)' },
];
