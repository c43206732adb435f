import type { IncidentTemplate, PageRoutes, Settings } from './schema';
import { DEFAULT_OVERLAY, EXTRACTABLE_IOC_TYPES, SETTINGS_VERSION } from './constants';

/** The default create body of cyware-api.md §5; every value is a placeholder or a constant. */
export const DEFAULT_TEMPLATE_BODY = `{
  "title": "{{title}}",
  "description": "{{description}}",
  "source": "{{source_kind}}",
  "threat_intel": "{{threat_intel}}"
}`;

export function defaultTemplate(): IncidentTemplate {
  return {
    createPath: 'v1/incident/',
    body: DEFAULT_TEMPLATE_BODY,
    apiIdPaths: ['unique_id', 'id'],
    readableIdPaths: ['readable_id', 'incident_id'],
    linkTemplate: '{ui}incidents/{unique_id}/',
    defaultTlp: 'AMBER',
  };
}

export function defaultRoutes(): PageRoutes {
  return {
    threatData: '/ctix/threatdata/{type}/{id}',
    threatDataList: '/ctix/threatdata',
    bulletin: '/ctix/threat-bulletin/{id}',
    investigation: '/ctix/threat-investigation/{id}',
  };
}

export const DEFAULT_ACTION_LABEL = 'Create CFTR Incident';

/** A fresh copy each call, so callers may mutate what they get. */
export function defaultSettings(): Settings {
  return {
    version: SETTINGS_VERSION,
    ctix: { baseUrl: '', accessId: '', expiresOn: null },
    cftr: { baseUrl: '', accessId: '', expiresOn: null, uiUrl: '' },
    mapping: [
      { respondField: 'ip_address', ctixTypes: ['ipv4-addr', 'ipv6-addr'] },
      { respondField: 'domain', ctixTypes: ['domain-name'] },
      { respondField: 'url', ctixTypes: ['url'] },
      { respondField: 'email', ctixTypes: ['email-addr'] },
      { respondField: 'file_hash_md5', ctixTypes: ['MD5'] },
      { respondField: 'file_hash_sha1', ctixTypes: ['SHA-1'] },
      { respondField: 'file_hash_sha224', ctixTypes: ['SHA-224'] },
      { respondField: 'file_hash_sha256', ctixTypes: ['SHA-256'] },
      { respondField: 'file_hash_sha384', ctixTypes: ['SHA-384'] },
      { respondField: 'file_hash_sha512', ctixTypes: ['SHA-512'] },
      { respondField: 'file_hash_ssdeep', ctixTypes: ['SSDEEP'] },
      { respondField: 'mac_address', ctixTypes: ['mac-addr'] },
      { respondField: 'registry_key', ctixTypes: ['windows-registry-key'] },
      { respondField: 'file_name', ctixTypes: ['file'] },
      { respondField: 'vulnerability', ctixTypes: ['vulnerability'] },
      { respondField: 'asn', ctixTypes: ['autonomous-system'] },
      { respondField: 'malware', ctixTypes: ['malware'] },
      { respondField: 'threat_actor', ctixTypes: ['threat-actor'] },
    ],
    template: defaultTemplate(),
    actionLabel: DEFAULT_ACTION_LABEL,
    routes: defaultRoutes(),
    extraction: {
      types: [...EXTRACTABLE_IOC_TYPES],
      refang: true,
      includePrivateIps: false,
      allowlist: [],
    },
    rateLimits: { ctixPerMinute: 90, cftrPerMinute: 90 },
    overlay: { ...DEFAULT_OVERLAY },
    review: { uncheckFlagged: true },
  };
}
