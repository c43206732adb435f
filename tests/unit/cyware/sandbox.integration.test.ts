// The real clients, with Node's fetch and WebCrypto, against the local sandbox (sandbox/): the
// sandbox checks signatures exactly, pages like Django REST framework and injects faults, so
// this is the closest to a tenant the unit suite gets.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  KNOWN,
  KNOWN_IDS,
  startSandbox,
  UNKNOWN_REPORT_IOCS,
  type Sandbox,
} from '../../../sandbox';
import { createCtixClient, enrichmentsFromLookup } from '../../../utils/cyware/ctix-client';
import { ApiError } from '../../../utils/cyware/errors';
import type { ConnectionConfig } from '../../../utils/cyware/http';
import { createTokenBucket } from '../../../utils/cyware/rate-limit';
import { createRespondClient } from '../../../utils/cyware/respond-client';
import {
  findReference,
  incidentContext,
  previewCreateRequest,
  renderIncidentBody,
  SAMPLE_INCIDENT,
} from '../../../utils/cyware/template';
import { defaultSettings } from '../../../utils/settings/defaults';

interface LoggedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  status: number | null;
  body: unknown;
}

let sb: Sandbox;

async function control(path: string, init: { method?: string; body?: unknown } = {}) {
  const res = await fetch(`${sb.url}/__sandbox/${path}`, {
    method: init.method ?? 'GET',
    ...(init.body === undefined
      ? {}
      : { body: JSON.stringify(init.body), headers: { 'content-type': 'application/json' } }),
  });
  return (await res.json()) as { results: LoggedRequest[] };
}

function ctixConfig(overrides: Partial<ConnectionConfig> = {}): ConnectionConfig {
  return { baseUrl: sb.ctixBase, ...sb.credentials.ctix, expiresOn: null, ...overrides };
}

function cftrConfig(base = sb.cftrBase): ConnectionConfig {
  return { baseUrl: base, ...sb.credentials.cftr, expiresOn: null };
}

/** Real fetch, real clock; only the backoff sleep is shortened so fault tests stay fast. */
function ctix(config: ConnectionConfig = ctixConfig()) {
  return createCtixClient({
    getConfig: async () => config,
    limiter: createTokenBucket({ perMinute: 60_000, capacity: 100 }),
    sleep: async () => undefined,
  });
}

function respond(config: ConnectionConfig = cftrConfig()) {
  return createRespondClient({
    getConfig: async () => config,
    limiter: createTokenBucket({ perMinute: 60_000, capacity: 100 }),
    sleep: async () => undefined,
  });
}

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

beforeAll(async () => {
  sb = await startSandbox({ port: 0 });
});

afterAll(async () => {
  await sb.stop();
});

beforeEach(() => {
  sb.reset();
});

describe('CTIX client against the sandbox', () => {
  it('ping', async () => {
    const { latencyMs } = await ctix().ping();
    expect(latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('a wrong base URL (missing /ctixapi/) → wrong-base-url', async () => {
    const error = await failure(ctix(ctixConfig({ baseUrl: `${sb.url}/nope/` })).ping());
    expect(error.kind).toBe('wrong-base-url');
  });

  it('a wrong secret → auth', async () => {
    const error = await failure(ctix(ctixConfig({ secret: 'wrong' })).ping());
    expect(error.kind).toBe('auth');
  });

  it('bulk lookup: known and unknown values', async () => {
    const values = [KNOWN.ipv4, KNOWN.domain, UNKNOWN_REPORT_IOCS.domain, KNOWN.whitelistedIpv4];
    const { results } = await ctix().bulkLookup(values);
    const enrichments = enrichmentsFromLookup(values, results);
    expect(enrichments.map((e) => [e.value, e.known])).toEqual([
      [KNOWN.ipv4, true],
      [KNOWN.domain, true],
      [UNKNOWN_REPORT_IOCS.domain, false],
      [KNOWN.whitelistedIpv4, true],
    ]);
    expect(enrichments[0]).toMatchObject({ id: KNOWN_IDS.ipv4, iocType: 'ipv4-addr' });
    expect(enrichments[3]).toMatchObject({ allowlisted: true });
  });

  it('getObject and relations paginated page by page, each page signed anew', async () => {
    const client = ctix();
    const report = await client.getObject('report', KNOWN_IDS.report);
    expect(report).toMatchObject({ id: KNOWN_IDS.report, name: KNOWN.reportName });

    await control('requests', { method: 'DELETE' });
    const relations = await client.listRelations('report', KNOWN_IDS.report, { pageSize: 7 });
    expect(relations.truncated).toBe(false);
    expect(relations.total).not.toBeNull();
    expect(relations.results).toHaveLength(relations.total ?? -1);
    expect(relations.pages).toBe(Math.ceil((relations.total ?? 0) / 7));
    expect(relations.results.map((r) => r.target_ref.name)).toContain(KNOWN.malware);

    const { results: log } = await control('requests?product=ctix&path=relations');
    expect(log).toHaveLength(relations.pages);
    expect(log.map((r) => r.query['page'])).toEqual(
      Array.from({ length: relations.pages }, (_, i) => String(i + 1)),
    );
    expect(new Set(log.map((r) => r.query['page_size']))).toEqual(new Set(['7']));
    expect(log.every((r) => r.status === 200)).toBe(true);
  });

  it('search with CQL', async () => {
    const { results } = await ctix().search(`type = "indicator" AND value IN ("${KNOWN.domain}")`);
    expect(results.map((r) => r.name)).toEqual([KNOWN.domain]);
  });

  it('IOC types, bulletins and the investigation canvas', async () => {
    const client = ctix();
    const types = await client.iocTypes();
    expect(types.map((t) => t.id)).toContain('ipv4-addr');

    const bulletins = await client.listBulletins('glasswing');
    expect(bulletins.results.map((b) => b.id)).toContain(KNOWN_IDS.bulletin);
    const bulletin = await client.getBulletin(KNOWN_IDS.bulletin);
    expect(bulletin).toMatchObject({ title: KNOWN.bulletinTitle, report_id: KNOWN_IDS.report });

    const canvas = await client.getCanvas(KNOWN_IDS.canvas);
    expect(canvas).toMatchObject({ id: KNOWN_IDS.canvas, name: KNOWN.canvasName });
    const nodes = await client.getCanvasNodes(KNOWN_IDS.canvas);
    expect(nodes.length).toBeGreaterThan(0);
  });

  it('retries a 429 with Retry-After, then succeeds', async () => {
    await control('faults', {
      method: 'POST',
      body: { path: 'basic/', action: 'status', status: 429, retryAfter: 0, times: 2 },
    });
    await expect(ctix().getObject('report', KNOWN_IDS.report)).resolves.toMatchObject({
      name: KNOWN.reportName,
    });
    const { results: log } = await control('requests?product=ctix&path=basic');
    expect(log.map((r) => r.status)).toEqual([429, 429, 200]);
  });

  it('an HTML 403 from an access proxy → blocked-by-access-proxy', async () => {
    await control('faults', { method: 'POST', body: { path: 'ping/', action: 'html403' } });
    const error = await failure(ctix().ping());
    expect(error.kind).toBe('blocked-by-access-proxy');
    expect(error.status).toBe(403);
  });
});

describe('Respond client against the sandbox', () => {
  const settings = defaultSettings();

  it('test connectivity', async () => {
    await expect(respond().testConnectivity()).resolves.toMatchObject({
      latencyMs: expect.any(Number),
    });
  });

  it('create (body as previewed), then list finds it by its Bridge-Ref, then get', async () => {
    const client = respond();
    const body = renderIncidentBody(
      settings.template.body,
      incidentContext(SAMPLE_INCIDENT, settings.mapping),
    );
    const preview = previewCreateRequest({
      settings: { ...settings, cftr: { ...settings.cftr, baseUrl: sb.cftrBase } },
      template: settings.template,
      sample: SAMPLE_INCIDENT,
      now: Date.now(),
    });
    expect(preview.body).toBe(body);
    const since = Math.floor(Date.now() / 1000) - 5;
    const created = await client.createIncident({
      path: settings.template.createPath,
      body,
      apiIdPaths: settings.template.apiIdPaths,
      readableIdPaths: settings.template.readableIdPaths,
    });
    expect(created.readableId).toMatch(/^INC\d+$/);

    const { results: log } = await control('requests?product=cftr&path=incident');
    const post = log.find((r) => r.method === 'POST');
    expect(post?.body).toEqual(JSON.parse(preview.body));

    const listed = await client.listIncidents({ createdGte: since, pageSize: 2 });
    const mine = listed.results.filter(
      (i) => findReference(i.description ?? '') === SAMPLE_INCIDENT.ref,
    );
    expect(mine.map((i) => i.unique_id)).toEqual([created.apiId]);

    const one = await client.getIncident(created.apiId);
    expect(one).toMatchObject({ unique_id: created.apiId, readable_id: created.readableId });
  });

  it('a 400 shows the field errors verbatim', async () => {
    const error = await failure(
      respond().createIncident({
        path: 'v1/incident/',
        body: '{"description":"x"}',
        apiIdPaths: ['unique_id'],
        readableIdPaths: ['readable_id'],
      }),
    );
    expect(error).toMatchObject({ kind: 'bad-request', status: 400 });
    expect(JSON.parse(error.detail ?? '')).toEqual({ title: ['This field is required.'] });
  });

  it('a create is not retried on 503', async () => {
    await control('faults', {
      method: 'POST',
      body: { method: 'POST', path: 'v1/incident/', action: 'status', status: 503, times: 1 },
    });
    const error = await failure(
      respond().createIncident({
        path: 'v1/incident/',
        body: '{"title":"t","description":"d"}',
        apiIdPaths: ['unique_id'],
        readableIdPaths: ['readable_id'],
      }),
    );
    expect(error.kind).toBe('server');
    const { results: log } = await control('requests?product=cftr&path=incident');
    expect(log.map((r) => r.status)).toEqual([503]);
  });
});

describe('Respond client against the alternative create contract', () => {
  let alt: Sandbox;
  beforeAll(async () => {
    alt = await startSandbox({ port: 0, contract: 'alt' });
  });
  afterAll(async () => {
    await alt.stop();
  });

  it('reads nested IDs by the configured paths', async () => {
    const client = createRespondClient({
      getConfig: async () => ({ baseUrl: alt.cftrBase, ...alt.credentials.cftr, expiresOn: null }),
      limiter: createTokenBucket({ perMinute: 600 }),
    });
    const created = await client.createIncident({
      path: 'v2/incidents/create/',
      body: '{"title":"Alt","description":"Bridge-Ref: 3f2b8c1e-7d4a-4e9b-9c61-5a0f2e8d7b13"}',
      apiIdPaths: ['unique_id', 'data.incident_uuid'],
      readableIdPaths: ['readable_id', 'data.incident_number'],
    });
    expect(created.apiId).toMatch(/^[\da-f-]{36}$/);
    expect(created.readableId).toMatch(/^INC\d+$/);
  });
});

describe('a computer clock two minutes fast', () => {
  let skewed: Sandbox;
  beforeAll(async () => {
    skewed = await startSandbox({ port: 0, clock: () => Date.now() - 120_000 });
  });
  afterAll(async () => {
    await skewed.stop();
  });

  it('→ 403 skew-or-forbidden that says to check the clock', async () => {
    const client = createCtixClient({
      getConfig: async () => ({
        baseUrl: skewed.ctixBase,
        ...skewed.credentials.ctix,
        expiresOn: null,
      }),
      limiter: createTokenBucket({ perMinute: 600 }),
    });
    const error = await failure(client.ping());
    expect(error).toMatchObject({ kind: 'skew-or-forbidden', status: 403 });
    expect(error.message).toMatch(/clock/);
  });
});
