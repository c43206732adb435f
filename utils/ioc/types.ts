/**
 * Public types of the IOC extraction engine. Kept in their own module so that callers
 * (options page, background worker) can import types without pulling in the scanners.
 */

/** The 20 types, in the order the options page and the review dialog list them. */
export const IOC_TYPES = Object.freeze([
  'ipv4',
  'ipv6',
  'cidr',
  'domain',
  'url',
  'email',
  'md5',
  'sha1',
  'sha224',
  'sha256',
  'sha384',
  'sha512',
  'ssdeep',
  'cve',
  'asn',
  'mitre-attack',
  'btc',
  'mac',
  'registry-key',
  'filename',
] as const);

export type IocType = (typeof IOC_TYPES)[number];

/** UTF-16 offsets into the input text, end exclusive. */
export interface IocSpan {
  start: number;
  end: number;
}

export interface Ioc {
  type: IocType;
  /** Normalised value (see utils/ioc/README.md). */
  value: string;
  /** The input text of the first occurrence, exactly as written (defanged or not). */
  original: string;
  /** Every occurrence, in input order. */
  spans: IocSpan[];
  /** Present (true) only on ipv4/ipv6/cidr values that are not globally routable. */
  private?: boolean;
  /**
   * Present (true) on a domain, URL or e-mail whose host name mixes scripts in one label
   * (`pаypal.com` with a Cyrillic а) or is a whole-script look-alike of a Latin name
   * (`аррӏе.com`): a likely homograph lure (utils/ioc/idn.ts).
   */
  homograph?: boolean;
}

export interface ExtractOptions {
  /** Types to report; default: all of IOC_TYPES. */
  types?: readonly IocType[];
  /** Recognise defanged spellings (hxxp, [.], [at] …); default true. */
  refang?: boolean;
  /** Report private/reserved IPs (flagged private: true); default false. */
  includePrivateIps?: boolean;
  /** Entries as accepted by validateAllowlistEntry: domain, *.domain, IP or CIDR. */
  allowlist?: readonly string[];
  /** Domains (and their subdomains, URLs and e-mails on them) never reported, e.g. the page's host. */
  excludeDomains?: readonly string[];
  /** Size cap in UTF-8 bytes; default 20 MiB. Longer input is cut and `truncated` is set. */
  maxBytes?: number;
}

export interface ExtractResult {
  iocs: Ioc[];
  truncated: boolean;
  stats: {
    inputChars: number;
    scannedChars: number;
    ms: number;
    byType: Partial<Record<IocType, number>>;
  };
}

export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;
