import type { ExtractableIocType } from '../settings/schema';

/** How each extractable IOC type is named on the options page. */
export const IOC_TYPE_LABELS: Record<ExtractableIocType, string> = {
  ipv4: 'IPv4 addresses',
  ipv6: 'IPv6 addresses',
  cidr: 'CIDR ranges',
  domain: 'Domains',
  url: 'URLs',
  email: 'E-mail addresses',
  md5: 'MD5 hashes',
  sha1: 'SHA-1 hashes',
  sha224: 'SHA-224 hashes',
  sha256: 'SHA-256 hashes',
  sha384: 'SHA-384 hashes',
  sha512: 'SHA-512 hashes',
  ssdeep: 'SSDEEP fuzzy hashes',
  cve: 'CVE IDs',
  asn: 'AS numbers',
  'mitre-attack': 'MITRE ATT&CK IDs',
  btc: 'Bitcoin addresses',
  mac: 'MAC addresses',
  'registry-key': 'Windows registry keys',
  filename: 'File names',
};

/** What each template placeholder becomes (utils/cyware/template.ts). */
export const PLACEHOLDER_HELP: Record<string, string> = {
  title: 'Incident title from the review dialog',
  description: 'Description, ending with the Bridge-Ref line that prevents duplicates',
  threat_intel: 'Mapped IOCs: { "<Respond field>": ["value", ...] }',
  tlp: 'TLP of the source (or null)',
  source_url: 'URL of the page or object the incident came from',
  source_links: 'Source URL and Intel Exchange object links, as a list',
  ref: 'The Bridge-Ref (a UUID) alone',
  ioc_count: 'Number of IOCs (a number)',
};

/** Words for the route kinds in the route tester. */
export const ROUTE_LABELS = {
  threatData: 'Threat data object page',
  threatDataList: 'Threat data list page',
  bulletin: 'Threat bulletin page',
  investigation: 'Threat investigation page',
} as const;
