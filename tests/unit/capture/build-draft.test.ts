import { describe, expect, it, vi } from 'vitest';
import {
  buildDraft,
  excludedHosts,
  MAX_DRAFT_IOCS,
  MAX_EXTRACT_BYTES,
  type Extractor,
  type FlowCapture,
} from '../../../utils/capture/build-draft';
import { mappingForTypes } from '../../../utils/capture/mapping';
import { extractIocs } from '../../../utils/ioc';
import type { ExtractResult, Ioc } from '../../../utils/ioc/types';
import { defaultSettings } from '../../../utils/settings/defaults';
import type { Settings } from '../../../utils/settings/schema';

function settings(patch: Partial<Settings> = {}): Settings {
  return {
    ...defaultSettings(),
    ctix: { baseUrl: 'https://tenant.cyware.com/ctixapi/', accessId: 'a', expiresOn: null },
    cftr: {
      baseUrl: 'https://tenant.cyware.com/cftrapi/openapi/',
      accessId: 'b',
      expiresOn: null,
      uiUrl: 'https://ui.tenant.example/cftr/',
    },
    ...patch,
  };
}

const result = (iocs: Ioc[], truncated = false): ExtractResult => ({
  iocs,
  truncated,
  stats: { inputChars: 0, scannedChars: 0, ms: 0, byType: {} },
});

const capture = (patch: Partial<FlowCapture> = {}): FlowCapture => ({
  kind: 'selection',
  pageUrl: 'https://www.research.example/blog/glasswing',
  pageTitle: 'Operation Glasswing',
  text: 'C2 at 45.137.21[.]9',
  truncated: false,
  ...patch,
});

describe('buildDraft', () => {
  it('extracts with the settings’ options, the size cap, and the page + tenant hosts excluded', () => {
    const extract = vi.fn<Extractor>(() => result([]));
    const s = settings({
      extraction: {
        types: ['ipv4', 'domain'],
        refang: false,
        includePrivateIps: true,
        allowlist: ['*.corp.example'],
      },
    });
    buildDraft({ reviewId: 'r', capture: capture(), settings: s, canEnrich: false, extract });
    expect(extract).toHaveBeenCalledWith('C2 at 45.137.21[.]9', {
      types: ['ipv4', 'domain'],
      refang: false,
      includePrivateIps: true,
      allowlist: ['*.corp.example'],
      excludeDomains: [
        'www.research.example',
        'tenant.cyware.com',
        'ui.tenant.example',
        'research.example',
      ],
      maxBytes: MAX_EXTRACT_BYTES,
    });
  });

  it('a link is searched as its text and its URL', () => {
    const extract = vi.fn<Extractor>(() => result([]));
    buildDraft({
      reviewId: 'r',
      capture: capture({ kind: 'link', text: 'invoice', linkUrl: 'http://evil.example/a.iso' }),
      settings: settings(),
      canEnrich: false,
      extract,
    });
    expect(extract.mock.calls[0]?.[0]).toBe('invoice\nhttp://evil.example/a.iso');
  });

  it('builds title, description, source, IOCs and per-type mapping (null = not mapped)', () => {
    const iocs: Ioc[] = [
      {
        type: 'ipv4',
        value: '45.137.21.9',
        original: '45.137.21[.]9',
        spans: [{ start: 6, end: 19 }],
      },
      {
        type: 'btc',
        value: 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq',
        original: 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq',
        spans: [],
      },
      { type: 'ipv4', value: '10.0.0.1', original: '10.0.0.1', spans: [], private: true },
    ];
    const draft = buildDraft({
      reviewId: 'r-1',
      capture: capture(),
      settings: settings({ actionLabel: 'Raise Incident' }),
      canEnrich: true,
      extract: () => result(iocs),
    });
    expect(draft).toEqual({
      reviewId: 'r-1',
      actionLabel: 'Raise Incident',
      title: 'C2 at 45.137.21[.]9',
      description:
        'Source: https://www.research.example/blog/glasswing\nPage: Operation Glasswing\n\nExcerpt:\nC2 at 45.137.21[.]9',
      source: {
        kind: 'selection',
        url: 'https://www.research.example/blog/glasswing',
        pageTitle: 'Operation Glasswing',
        host: 'www.research.example',
        ctixObjectIds: [],
      },
      iocs: [
        { type: 'ipv4', value: '45.137.21.9', original: '45.137.21[.]9' },
        {
          type: 'btc',
          value: 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq',
          original: 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq',
        },
        { type: 'ipv4', value: '10.0.0.1', original: '10.0.0.1', private: true },
      ],
      mapping: {
        ipv4: { ctixType: 'ipv4-addr', respondField: 'ip_address' },
        btc: { ctixType: 'btc-address', respondField: null },
      },
      ctixObjects: [],
      truncated: false,
      // The verdict-based default selection is on unless an admin turns it off.
      uncheckFlagged: true,
      canEnrich: true,
    });
  });

  it('says when the text was cut or there were too many IOCs', () => {
    const many: Ioc[] = Array.from({ length: MAX_DRAFT_IOCS + 3 }, (_, i) => ({
      type: 'domain',
      value: `d${i}.example`,
      original: `d${i}.example`,
      spans: [],
    }));
    const draft = buildDraft({
      reviewId: 'r',
      capture: capture({ kind: 'page', truncated: true }),
      settings: settings(),
      canEnrich: false,
      extract: () => result(many, true),
    });
    expect(draft.iocs).toHaveLength(MAX_DRAFT_IOCS);
    expect(draft.truncated).toBe(true);
    expect(draft.notice).toBe(
      'The page is larger than 8 MB: only its beginning was searched for IOCs. 5,003 IOCs were found; the first 5,000 are listed.',
    );
  });

  it('keeps a capture notice (page could not be read)', () => {
    const draft = buildDraft({
      reviewId: 'r',
      capture: capture({ kind: 'page', text: '', notice: 'The extension cannot read this page.' }),
      settings: settings(),
      canEnrich: false,
      extract: () => result([]),
    });
    expect(draft.notice).toBe('The extension cannot read this page.');
    expect(draft.title).toBe('Operation Glasswing');
  });

  it('with the real extractor: refangs, drops the page’s own host and the tenant, maps types', () => {
    const text = [
      'C2: 45.137.21[.]9 and hxxps://docs-share-preview[.]com/s/invoice-7731.zip',
      'See https://www.research.example/other and https://tenant.cyware.com/x',
      'CVE-2024-3400, wallet bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq',
    ].join('\n');
    const draft = buildDraft({
      reviewId: 'r',
      capture: capture({ text }),
      settings: settings(),
      canEnrich: false,
      extract: extractIocs,
    });
    const values = draft.iocs.map((i) => `${i.type}:${i.value}`);
    expect(values).toContain('ipv4:45.137.21.9');
    expect(values).toContain('url:https://docs-share-preview.com/s/invoice-7731.zip');
    expect(values).toContain('cve:CVE-2024-3400');
    expect(values).toContain('btc:bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq');
    expect(values.some((v) => v.includes('research.example'))).toBe(false);
    expect(values.some((v) => v.includes('tenant.cyware.com'))).toBe(false);
    expect(draft.mapping['btc']?.respondField).toBeNull();
    expect(draft.mapping['cve']).toEqual({
      ctixType: 'vulnerability',
      respondField: 'vulnerability',
    });
  });
});

describe('mapping and exclusions', () => {
  it('joins every field a type fills; matches Intel Exchange types case-insensitively', () => {
    expect(
      mappingForTypes(
        ['ipv4', 'md5', 'mitre-attack'],
        [
          { respondField: 'ip_address', ctixTypes: ['IPv4-Addr'] },
          { respondField: 'observables', ctixTypes: ['ipv4-addr', 'MD5'] },
        ],
      ),
    ).toEqual({
      ipv4: { ctixType: 'ipv4-addr', respondField: 'ip_address, observables' },
      md5: { ctixType: 'MD5', respondField: 'observables' },
      'mitre-attack': { ctixType: 'attack-pattern', respondField: null },
    });
  });

  it('excludes nothing that is not set', () => {
    expect(excludedHosts('', defaultSettings())).toEqual([]);
    expect(excludedHosts('http://127.0.0.1:8787/pages/x.html', defaultSettings())).toEqual([
      '127.0.0.1',
    ]);
  });
});

describe('homograph flag', () => {
  it('travels from the extractor into the draft, only on the look-alike host', () => {
    // "pаypal" with a Cyrillic а (U+0430): a mixed-script lure next to the real name.
    const draft = buildDraft({
      reviewId: 'r',
      capture: capture({ text: 'Lure at p\u0430ypal-login.com, real one paypal.com' }),
      settings: settings(),
      canEnrich: false,
      extract: extractIocs,
    });
    const lure = draft.iocs.find((i) => i.original === 'p\u0430ypal-login.com');
    const real = draft.iocs.find((i) => i.value === 'paypal.com');
    expect(lure?.homograph).toBe(true);
    expect(lure?.value.startsWith('xn--')).toBe(true);
    expect(real).toBeDefined();
    expect(real && 'homograph' in real).toBe(false);
  });
});
