import { describe, expect, it } from 'vitest';
import {
  DEFAULT_TEMPLATE_BODY,
  defaultSettings,
  defaultTemplate,
} from '../../../utils/settings/defaults';
import { templatePreviewSchema } from '../../../utils/model/views';
import { createRespondClient } from '../../../utils/cyware/respond-client';
import {
  buildThreatIntel,
  findReference,
  incidentContext,
  incidentLink,
  previewCreateRequest,
  renderIncidentBody,
  SAMPLE_INCIDENT,
  TemplateError,
  validateTemplate,
  withReference,
  type TemplateContext,
} from '../../../utils/cyware/template';
import { countingLimiter, json, recordingFetch } from './fakes';

const REF = '3f2b8c1e-7d4a-4e9b-9c61-5a0f2e8d7b13';

const CTX: TemplateContext = {
  title: 'Phish "quoted"',
  description: 'Line one\nline two',
  threatIntel: { ip_address: ['203.0.113.45'], domain: ['evil.example'] },
  tlp: 'AMBER',
  sourceKind: 'Web page',
  sourceName: 'Phish report',
  sourceUrl: 'https://blog.example.org/post',
  sourceLinks: ['https://a.example/1', 'https://b.example/2'],
  ref: REF,
  iocCount: 2,
};

describe('validateTemplate', () => {
  it('accepts the default template', () => {
    expect(validateTemplate(DEFAULT_TEMPLATE_BODY)).toEqual({ ok: true });
  });

  it.each<[string, string, RegExp, number, number]>([
    [
      'a missing comma',
      '{\n  "title": "{{title}}"\n  "description": "{{description}}"\n}',
      /Expected ',' or '}'/,
      3,
      3,
    ],
    ['a trailing comma', '{\n  "description": "{{description}}",\n}', /trailing comma/, 2, 35],
    ['single quotes', "{\n  'title': 1\n}", /double quotes/, 2, 3],
    [
      'an unclosed string',
      '{\n  "description": "{{description}}\n}',
      /line break|never closed/,
      2,
      34,
    ],
    [
      'an unknown placeholder',
      '{\n  "description": "{{description}}",\n  "x": "see {{titel}}"\n}',
      /Unknown placeholder \{\{titel\}\}/,
      3,
      13,
    ],
    ['an unquoted placeholder', '{\n "x": {{title}}\n}', /inside double quotes/, 2, 7],
    [
      'a wrong-case placeholder',
      '{"description": "{{Description}}"}',
      /Unknown placeholder \{\{Description\}\}/,
      1,
      18,
    ],
    ['a placeholder in a key', '{"{{title}}": "{{description}}"}', /not in property names/, 1, 3],
    [
      'no reference carrier',
      '{\n  "title": "{{title}}"\n}',
      /must contain \{\{description\}\} or \{\{ref\}\}/,
      1,
      1,
    ],
    ['a top-level array', '  ["{{description}}"]', /must be a JSON object/, 1, 3],
    ['trailing text', '{"description": "{{description}}"} x', /after the end/, 1, 36],
    ['an empty text', '', /Expected a value/, 1, 1],
  ])('reports %s with its line and column', (_name, body, error, line, column) => {
    const result = validateTemplate(body);
    expect(result).toMatchObject({ ok: false, line, column });
    if (!result.ok) expect(result.error).toMatch(error);
  });

  it('accepts {{ref}} alone as the reference carrier, and spaces inside braces', () => {
    expect(validateTemplate('{"title": "{{ title }}", "external_ref": "{{ref}}"}')).toEqual({
      ok: true,
    });
  });
});

describe('renderIncidentBody', () => {
  it('replaces exact placeholders by JSON values and interpolates the others as text', () => {
    const template = `{
      "title": "{{title}}",
      "description": "{{description}}",
      "threat_intel": "{{threat_intel}}",
      "tlp": "{{tlp}}",
      "count": "{{ioc_count}}",
      "links": "{{source_links}}",
      "summary": "{{ioc_count}} IOCs from {{source_url}} ({{tlp}}); see {{source_links}}",
      "intel_text": "intel: {{threat_intel}}",
      "fixed": {"level": "High", "business_unit_ids": [12345678901234567890, 1.50e3], "flag": true, "none": null}
    }`;
    const out = renderIncidentBody(template, CTX);
    expect(out).toBe(
      '{"title":"Phish \\"quoted\\"",' +
        `"description":"Line one\\nline two\\n\\nBridge-Ref: ${REF}",` +
        '"threat_intel":{"ip_address":["203.0.113.45"],"domain":["evil.example"]},' +
        '"tlp":"AMBER",' +
        '"count":2,' +
        '"links":["https://a.example/1","https://b.example/2"],' +
        '"summary":"2 IOCs from https://blog.example.org/post (AMBER); see https://a.example/1, https://b.example/2",' +
        '"intel_text":"intel: {\\"ip_address\\":[\\"203.0.113.45\\"],\\"domain\\":[\\"evil.example\\"]}",' +
        // numbers exactly as written: JSON.parse would have rounded the big ID
        '"fixed":{"level":"High","business_unit_ids":[12345678901234567890,1.50e3],"flag":true,"none":null}}',
    );
  });

  it('is valid JSON whose values match the context', () => {
    const parsed = JSON.parse(renderIncidentBody(DEFAULT_TEMPLATE_BODY, CTX)) as Record<
      string,
      unknown
    >;
    expect(parsed).toEqual({
      title: CTX.title,
      description: `${CTX.description}\n\nBridge-Ref: ${REF}`,
      // Where it came from, per flow: not "Intel Exchange" for a blog post (issue 16).
      source: 'Web page',
      threat_intel: CTX.threatIntel,
    });
  });

  it('the incident context says where it came from, and falls back to the default TLP', () => {
    const base = {
      title: 't',
      description: 'd',
      iocs: [],
      ctixObjects: [],
      sourceKind: 'Intel Exchange',
      sourceName: 'GlassLoader',
      sourceUrl: 'https://tenant.example/ctix/threatdata/malware/m1',
      sourceLinks: [],
      ref: REF,
    };
    expect(incidentContext(base, [], 'AMBER')).toMatchObject({
      tlp: 'AMBER',
      sourceKind: 'Intel Exchange',
      sourceName: 'GlassLoader',
    });
    expect(incidentContext({ ...base, tlp: 'RED' }, [], 'AMBER').tlp).toBe('RED');
    expect(incidentContext(base, [], '').tlp).toBeNull();
  });

  it('a missing TLP is null when exact and empty inside text', () => {
    const out = renderIncidentBody('{"d":"{{description}}","tlp":"{{tlp}}","t":"TLP: {{tlp}}"}', {
      ...CTX,
      tlp: null,
    });
    expect(out).toContain('"tlp":null,"t":"TLP: "');
  });

  it('{{ref}} alone carries the reference; description gets it only once', () => {
    const out = renderIncidentBody('{"ref":"{{ref}}","d":"{{description}}"}', {
      ...CTX,
      description: withReference('Already referenced', REF),
    });
    expect(out).toBe(`{"ref":"${REF}","d":"Already referenced\\n\\nBridge-Ref: ${REF}"}`);
  });

  it('escapes what the context brings in (no JSON injection through a title)', () => {
    const out = renderIncidentBody('{"t":"{{title}}","d":"{{description}}"}', {
      ...CTX,
      title: '","admin":true,"x":"',
    });
    expect(Object.keys(JSON.parse(out) as object)).toEqual(['t', 'd']);
  });

  it('throws TemplateError with the position for an invalid template', () => {
    expect(() => renderIncidentBody('{\n "x": {{title}}\n}', CTX)).toThrow(TemplateError);
    try {
      renderIncidentBody('{\n "x": {{title}}\n}', CTX);
    } catch (error) {
      expect(error).toMatchObject({ line: 2, column: 7 });
    }
  });
});

describe('withReference / findReference', () => {
  it('appends a final Bridge-Ref line, idempotently', () => {
    const once = withReference('Body text\n\n', REF);
    expect(once).toBe(`Body text\n\nBridge-Ref: ${REF}`);
    expect(withReference(once, REF)).toBe(once);
    expect(withReference('', REF)).toBe(`Bridge-Ref: ${REF}`);
  });

  it('finds the reference in plain, JSON-escaped and HTML text', () => {
    expect(findReference(`x\n\nBridge-Ref: ${REF}`)).toBe(REF);
    expect(
      findReference(JSON.stringify({ description: `a\nBridge-Ref: ${REF.toUpperCase()}` })),
    ).toBe(REF);
    expect(findReference(`<p>Bridge-Ref:&nbsp;${REF}</p>`)).toBe(REF);
    expect(findReference('no reference here')).toBeNull();
    expect(findReference('Bridge-Ref: not-a-uuid')).toBeNull();
  });

  it('returns the last reference when a text quotes an older one', () => {
    const other = '00000000-0000-4000-8000-000000000000';
    expect(findReference(`quoted Bridge-Ref: ${other}\n\nBridge-Ref: ${REF}`)).toBe(REF);
  });
});

describe('buildThreatIntel', () => {
  const mapping = defaultSettings().mapping;

  it('maps IOCs through their CTIX type, deduplicated, fields in mapping order', () => {
    const result = buildThreatIntel(
      [
        { type: 'domain', value: 'evil.example' },
        { type: 'ipv6', value: '2001:db8::1' },
        { type: 'ipv4', value: '203.0.113.45' },
        { type: 'ipv4', value: '203.0.113.45' },
        { type: 'md5', value: 'd41d8cd98f00b204e9800998ecf8427e' },
        { type: 'btc', value: 'bc1qexample' },
        { type: 'cidr', value: '10.0.0.0/8' },
      ],
      [
        { type: 'malware', name: 'Emotet' },
        { type: 'campaign', name: 'Op X' },
      ],
      mapping,
    );
    expect(result.threatIntel).toEqual({
      ip_address: ['2001:db8::1', '203.0.113.45'],
      domain: ['evil.example'],
      file_hash_md5: ['d41d8cd98f00b204e9800998ecf8427e'],
      malware: ['Emotet'],
    });
    expect(Object.keys(result.threatIntel)).toEqual([
      'ip_address',
      'domain',
      'file_hash_md5',
      'malware',
    ]);
    expect(result.unmapped).toEqual([
      { type: 'btc', value: 'bc1qexample' },
      { type: 'cidr', value: '10.0.0.0/8' },
      { type: 'campaign', value: 'Op X' },
    ]);
  });

  it('fills every field a CTIX type is mapped to, ignoring case of the type', () => {
    const result = buildThreatIntel(
      [{ type: 'md5', value: 'abc' }],
      [],
      [
        { respondField: 'hash', ctixTypes: ['md5'] },
        { respondField: 'file_hash_md5', ctixTypes: ['MD5', 'SHA-1'] },
      ],
    );
    expect(result.threatIntel).toEqual({ hash: ['abc'], file_hash_md5: ['abc'] });
  });

  it('uses a custom type table, and unknown extracted types by their own name', () => {
    const result = buildThreatIntel(
      [
        { type: 'ipv4', value: '1.1.1.1' },
        { type: 'user-agent', value: 'curl/8' },
      ],
      [],
      [
        { respondField: 'ip', ctixTypes: ['ip'] },
        { respondField: 'ua', ctixTypes: ['user-agent'] },
      ],
      { ipv4: 'ip' },
    );
    expect(result.threatIntel).toEqual({ ip: ['1.1.1.1'], ua: ['curl/8'] });
  });
});

describe('incidentLink', () => {
  it('fills the default template', () => {
    expect(
      incidentLink(defaultTemplate().linkTemplate, {
        ui: 'https://tenant.cyware.com/cftr/',
        apiId: 'u-1',
        readableId: 'INC1',
      }),
    ).toBe('https://tenant.cyware.com/cftr/incidents/u-1/');
  });

  it('adds a missing slash to the UI URL and encodes IDs', () => {
    expect(
      incidentLink('{ui}incident/{readable_id}?id={unique_id}', {
        ui: 'https://t.example/cftr',
        apiId: 'a/b c',
        readableId: 'INC 1',
      }),
    ).toBe('https://t.example/cftr/incident/INC%201?id=a%2Fb%20c');
  });

  it('refuses anything but an http(s) link', () => {
    expect(incidentLink('{ui}x/{unique_id}', { ui: '', apiId: 'u' })).toBeUndefined();
    expect(
      incidentLink('javascript:alert({unique_id})', { ui: 'https://t/', apiId: '1' }),
    ).toBeUndefined();
  });
});

function configuredSettings() {
  const settings = defaultSettings();
  settings.cftr = {
    baseUrl: 'https://tenant.cyware.com/cftrapi/openapi/',
    accessId: 'cftr-ak',
    expiresOn: null,
    uiUrl: 'https://tenant.cyware.com/cftr/',
  };
  return settings;
}

describe('previewCreateRequest', () => {
  const NOW = 1_700_000_000_000;

  it('shows method, URL with AccessID and a masked Signature, headers and the rendered body', () => {
    const settings = configuredSettings();
    const preview = previewCreateRequest({
      settings,
      template: settings.template,
      sample: SAMPLE_INCIDENT,
      now: NOW,
    });
    expect(templatePreviewSchema.parse(preview)).toEqual(preview);
    expect(preview).toEqual({
      method: 'POST',
      url: 'https://tenant.cyware.com/cftrapi/openapi/v1/incident/?AccessID=cftr-ak&Expires=1700000020&Signature=••••',
      headers: { accept: 'application/json', 'content-type': 'application/json' },
      body: renderIncidentBody(
        settings.template.body,
        incidentContext(SAMPLE_INCIDENT, settings.mapping),
      ),
    });
    const body = JSON.parse(preview.body) as {
      description: string;
      threat_intel: Record<string, string[]>;
    };
    expect(findReference(body.description)).toBe(SAMPLE_INCIDENT.ref);
    expect(body.threat_intel).toMatchObject({
      domain: ['evil-login.example'],
      malware: ['EvilProxy'],
    });
  });

  it('is exactly what the Respond client then sends (URL up to the signature, body byte for byte)', async () => {
    const settings = configuredSettings();
    const preview = previewCreateRequest({
      settings,
      template: settings.template,
      sample: SAMPLE_INCIDENT,
      now: NOW,
    });
    const { fetch, calls } = recordingFetch(() =>
      json(201, { unique_id: 'u', readable_id: 'INC1' }),
    );
    const client = createRespondClient({
      getConfig: async () => ({ ...settings.cftr, secret: 'cftr-secret' }),
      fetch,
      now: () => NOW,
      limiter: countingLimiter(),
    });
    await client.createIncident({
      path: settings.template.createPath,
      body: renderIncidentBody(
        settings.template.body,
        incidentContext(SAMPLE_INCIDENT, settings.mapping),
      ),
      apiIdPaths: settings.template.apiIdPaths,
      readableIdPaths: settings.template.readableIdPaths,
    });
    const sent = calls[0];
    expect(sent?.body).toBe(preview.body);
    expect(sent?.url.href.replace(/Signature=[^&]*/, 'Signature=••••')).toBe(preview.url);
    expect(sent?.init.headers).toEqual(preview.headers);
  });

  it('still reads as a request before Respond is configured', () => {
    const settings = defaultSettings();
    const preview = previewCreateRequest({
      settings,
      template: settings.template,
      sample: SAMPLE_INCIDENT,
      now: NOW,
    });
    expect(preview.url).toBe(
      'https://your-tenant.cyware.com/cftrapi/openapi/v1/incident/?AccessID=YOUR_ACCESS_ID&Expires=1700000020&Signature=••••',
    );
  });

  it('uses the template being edited, not the saved one', () => {
    const settings = configuredSettings();
    const template = {
      ...settings.template,
      createPath: 'v2/incidents/create/',
      body: '{"summary":"{{description}}","n":"{{ioc_count}}"}',
    };
    const preview = previewCreateRequest({ settings, template, sample: SAMPLE_INCIDENT, now: NOW });
    expect(preview.url).toContain('/cftrapi/openapi/v2/incidents/create/?');
    expect(preview.body).toMatch(/^\{"summary":".*","n":6\}$/s);
  });

  it('throws TemplateError for an invalid template', () => {
    const settings = configuredSettings();
    const template = { ...settings.template, body: '{"title": "{{title}}"}' };
    expect(() =>
      previewCreateRequest({ settings, template, sample: SAMPLE_INCIDENT, now: NOW }),
    ).toThrow(TemplateError);
  });
});
