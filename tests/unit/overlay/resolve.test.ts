import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createResolver,
  ResolveError,
  typeKey,
  type ResolveProgress,
  type ResolverCtix,
  type ResolverObject,
  type ResolverRelation,
} from '../../../utils/overlay/resolve';
import {
  BIG_REPORT_RELATIONS,
  KNOWN,
  KNOWN_IDS,
  seedData,
  startSandbox,
  type Sandbox,
} from '../../../sandbox';
import { createCtixClient } from '../../../utils/cyware/ctix-client';
import { createTokenBucket } from '../../../utils/cyware/rate-limit';

// ---- a fake CTIX: objects and relations in memory, every call recorded --------------------

interface FakeObject extends ResolverObject {
  relations?: ResolverRelation[];
}

const ind = (id: string, value: string, iocType: string): FakeObject => ({
  id,
  type: 'indicator',
  name: value,
  sub_type: iocType,
});
const rel = (o: FakeObject, subType: string | null = o.sub_type ?? null): ResolverRelation => ({
  id: `rel-${o.id}`,
  relationship_type: 'contains',
  target_ref: { id: o.id, name: o.name ?? null, object_type: o.type, sub_type: subType },
});

function fakeCtix(objects: FakeObject[], options: { failPage?: number; withTotal?: boolean } = {}) {
  const byKey = new Map(objects.map((o) => [`${o.type}/${o.id}`, o]));
  const calls: string[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const track = async <T>(label: string, run: () => T): Promise<T> => {
    calls.push(label);
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    try {
      await new Promise((r) => setTimeout(r, 1));
      return run();
    } finally {
      inFlight -= 1;
    }
  };
  const ctix: ResolverCtix = {
    getObject: (type, id) =>
      track(`get ${type}/${id}`, () => {
        const o = byKey.get(`${type}/${id}`);
        if (!o) throw new Error(`404 ${type}/${id}`);
        const { relations: _r, ...basic } = o;
        return basic;
      }),
    listRelationsPage: (type, id, page, opts) =>
      track(`relations ${type}/${id} p${page}`, () => {
        if (options.failPage === page) throw new Error('HTTP 500');
        const all = byKey.get(`${type}/${id}`)?.relations ?? [];
        const size = opts?.pageSize ?? 100;
        const results = all.slice((page - 1) * size, page * size);
        return {
          results,
          total: options.withTotal === false ? null : all.length,
          hasNext: page * size < all.length,
        };
      }),
  };
  return {
    ctix,
    calls,
    maxInFlight: () => maxInFlight,
  };
}

const ip1 = ind('i1', '45.137.21.9', 'ipv4-addr');
const ip2 = ind('i2', '185.225.74.51', 'ipv4-addr');
const dom = ind('d1', 'docs-share-preview.com', 'domain-name');
const sha = ind('h1', 'ab'.repeat(32), 'SHA-256');
const asn = ind('a1', 'AS209588', 'asn');
const mutex = ind('m1', 'Global\\Mtx_1', 'mutex');
const malware: FakeObject = {
  id: 'mw1',
  type: 'malware',
  name: 'GlassLoader',
  relations: [rel(ip1), rel(dom)],
};
const actor: FakeObject = {
  id: 'ta1',
  type: 'threat-actor',
  name: 'Brittle Heron',
  relations: [rel(malware)],
};
const report: FakeObject = {
  id: 'r1',
  type: 'report',
  name: 'Operation Glasswing',
  relations: [
    rel(ip1),
    rel(ip2),
    rel(dom),
    rel(sha),
    rel(mutex),
    rel(asn),
    rel(malware),
    rel(actor),
  ],
};
const all = [ip1, ip2, dom, sha, asn, mutex, malware, actor, report];
const MAPPED = ['ipv4-addr', 'domain-name', 'sha-256', 'autonomous-system', 'malware'];

describe('typeKey', () => {
  it('ignores case and folds asn into autonomous-system', () => {
    expect(typeKey(' SHA-256 ')).toBe('sha-256');
    expect(typeKey('ASN')).toBe('autonomous-system');
  });
});

describe('createResolver', () => {
  it('resolves an indicator to its value and IOC type, with one call', async () => {
    const fake = fakeCtix(all);
    const result = await createResolver({ ctix: fake.ctix, mappedTypes: MAPPED }).resolve([
      { type: 'indicator', id: 'i1' },
    ]);
    expect(result.mapped).toEqual([
      {
        value: '45.137.21.9',
        ctixType: 'ipv4-addr',
        objectType: 'indicator',
        objectId: 'i1',
        from: ['indicator/i1'],
      },
    ]);
    expect(result.unmapped).toEqual([]);
    expect(result.sources).toEqual([
      { type: 'indicator', id: 'i1', name: '45.137.21.9', relations: 0 },
    ]);
    expect(fake.calls).toEqual(['get indicator/i1']);
  });

  it('resolves a report to the indicators among all its relation pages, split by mapping', async () => {
    const fake = fakeCtix(all);
    const result = await createResolver({
      ctix: fake.ctix,
      mappedTypes: MAPPED,
      pageSize: 3,
    }).resolve([{ type: 'report', id: 'r1' }]);
    expect(result.mapped.map((t) => t.value)).toEqual([
      ip1.name,
      ip2.name,
      dom.name,
      sha.name,
      asn.name,
    ]);
    expect(result.unmapped.map((t) => `${t.ctixType} ${t.value}`)).toEqual([`mutex ${mutex.name}`]);
    expect(result.mappedCounts).toEqual({
      'ipv4-addr': 2,
      'domain-name': 1,
      'SHA-256': 1,
      asn: 1,
    });
    expect(result.unmappedCounts).toEqual({ mutex: 1 });
    // The report itself and its non-indicator relations are not targets, only counted.
    expect(result.ignoredCounts).toEqual({ malware: 1, 'threat-actor': 1 });
    expect(result.sources[0]).toMatchObject({ name: 'Operation Glasswing', relations: 8 });
    expect(fake.calls.filter((c) => c.startsWith('relations')).toSorted()).toEqual([
      'relations report/r1 p1',
      'relations report/r1 p2',
      'relations report/r1 p3',
    ]);
  });

  it('reads pages one after another when the server gives no total', async () => {
    const fake = fakeCtix(all, { withTotal: false });
    const result = await createResolver({
      ctix: fake.ctix,
      mappedTypes: MAPPED,
      pageSize: 3,
    }).resolve([{ type: 'report', id: 'r1' }]);
    expect(result.mapped).toHaveLength(5);
    expect(fake.calls.filter((c) => c.startsWith('relations'))).toHaveLength(3);
  });

  it('takes another object itself when its type is mapped, plus its related indicators', async () => {
    const fake = fakeCtix(all);
    const mapped = await createResolver({ ctix: fake.ctix, mappedTypes: MAPPED }).resolve([
      { type: 'malware', id: 'mw1' },
    ]);
    expect(mapped.mapped.map((t) => `${t.ctixType} ${t.value}`)).toEqual([
      'malware GlassLoader',
      `ipv4-addr ${ip1.name}`,
      `domain-name ${dom.name}`,
    ]);
    const unmapped = await createResolver({
      ctix: fakeCtix(all).ctix,
      mappedTypes: ['ipv4-addr'],
    }).resolve([{ type: 'threat-actor', id: 'ta1' }]);
    expect(unmapped.mapped).toEqual([]);
    expect(unmapped.unmapped.map((t) => t.value)).toEqual(['Brittle Heron']);
    expect(unmapped.unmappedCounts).toEqual({ 'threat-actor': 1 });
    expect(unmapped.ignoredCounts).toEqual({ malware: 1 });
  });

  it('merges a bulk selection: each target once, with every source that led to it', async () => {
    const fake = fakeCtix(all);
    const result = await createResolver({ ctix: fake.ctix, mappedTypes: MAPPED }).resolve([
      { type: 'indicator', id: 'i1' },
      { type: 'malware', id: 'mw1' },
      { type: 'indicator', id: 'i1' },
    ]);
    expect(result.sources.map((s) => s.id)).toEqual(['i1', 'mw1']);
    expect(result.mapped.find((t) => t.objectId === 'i1')?.from).toEqual([
      'indicator/i1',
      'malware/mw1',
    ]);
    expect(result.mapped.filter((t) => t.objectId === 'i1')).toHaveLength(1);
    expect(fake.calls.filter((c) => c === 'get indicator/i1')).toHaveLength(1);
  });

  it('looks an indicator up when its relation does not say its IOC type', async () => {
    const vague: FakeObject = {
      id: 'r2',
      type: 'report',
      name: 'vague',
      relations: [rel(ip1, 'value'), rel(dom, null)],
    };
    const fake = fakeCtix([...all, vague]);
    const result = await createResolver({ ctix: fake.ctix, mappedTypes: MAPPED }).resolve([
      { type: 'report', id: 'r2' },
    ]);
    expect(result.mapped.map((t) => t.ctixType)).toEqual(['ipv4-addr', 'domain-name']);
    expect(fake.calls).toContain('get indicator/i1');
    expect(fake.calls).toContain('get indicator/d1');
  });

  it('keeps at most `concurrency` calls in flight and reports progress up to the end', async () => {
    const many = Array.from({ length: 30 }, (_, i) => ind(`x${i}`, `10.0.0.${i}`, 'ipv4-addr'));
    const big: FakeObject = {
      id: 'big',
      type: 'report',
      name: 'big',
      relations: many.map((o) => rel(o)),
    };
    const fake = fakeCtix([...many, big]);
    const seen: ResolveProgress[] = [];
    const result = await createResolver({
      ctix: fake.ctix,
      mappedTypes: MAPPED,
      concurrency: 2,
      pageSize: 2,
      onProgress: (p) => seen.push(p),
    }).resolve([
      { type: 'report', id: 'big' },
      ...many.slice(0, 5).map((o) => ({ type: 'indicator', id: o.id })),
    ]);
    expect(fake.maxInFlight()).toBe(2);
    expect(result.mapped).toHaveLength(30);
    const last = seen.at(-1);
    expect(last).toMatchObject({ sourcesDone: 6, sourcesTotal: 6, pagesDone: 15, pagesKnown: 15 });
    expect(seen.some((p) => p.pagesDone > 0 && p.pagesDone < 15)).toBe(true);
  });

  it('stops at maxPagesPerObject and says which source was truncated', async () => {
    const many = Array.from({ length: 10 }, (_, i) => ind(`y${i}`, `10.1.0.${i}`, 'ipv4-addr'));
    const big: FakeObject = {
      id: 'big',
      type: 'report',
      name: 'big',
      relations: many.map((o) => rel(o)),
    };
    const result = await createResolver({
      ctix: fakeCtix([...many, big]).ctix,
      mappedTypes: MAPPED,
      pageSize: 2,
      maxPagesPerObject: 3,
    }).resolve([{ type: 'report', id: 'big' }]);
    expect(result.mapped).toHaveLength(6);
    expect(result.truncated).toEqual([{ type: 'report', id: 'big' }]);
  });

  it('rejects with a ResolveError naming the object and page, and starts no more calls', async () => {
    const many = Array.from({ length: 20 }, (_, i) => ind(`z${i}`, `10.2.0.${i}`, 'ipv4-addr'));
    const big: FakeObject = {
      id: 'big',
      type: 'report',
      name: 'big',
      relations: many.map((o) => rel(o)),
    };
    const fake = fakeCtix([...many, big], { failPage: 2 });
    const error = await createResolver({
      ctix: fake.ctix,
      mappedTypes: MAPPED,
      pageSize: 2,
      concurrency: 1,
    })
      .resolve([{ type: 'report', id: 'big' }])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResolveError);
    expect(error).toMatchObject({
      source: { type: 'report', id: 'big' },
      stage: 'relations',
      page: 2,
    });
    expect(String((error as Error).message)).toContain('HTTP 500');
    // Pages 1 and 2 were asked; with one call at a time nothing after the failure started.
    expect(fake.calls.filter((c) => c.startsWith('relations'))).toEqual([
      'relations report/big p1',
      'relations report/big p2',
    ]);
  });

  it('rejects when a source does not exist', async () => {
    const error = await createResolver({ ctix: fakeCtix(all).ctix, mappedTypes: MAPPED })
      .resolve([{ type: 'malware', id: 'i1' }])
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ResolveError', stage: 'object', page: null });
  });

  it('passes an abort through as it is', async () => {
    const controller = new AbortController();
    controller.abort(new DOMException('stop', 'AbortError'));
    const error = await createResolver({ ctix: fakeCtix(all).ctix, mappedTypes: MAPPED })
      .resolve([{ type: 'report', id: 'r1' }], { signal: controller.signal })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DOMException);
    expect((error as DOMException).name).toBe('AbortError');
  });
});

// ---- the real CTIX client against the sandbox ----------------------------------------------

describe('createResolver with the CTIX client against the sandbox', () => {
  let sb: Sandbox;
  beforeAll(async () => {
    sb = await startSandbox({ port: 0 });
  });
  afterAll(() => sb.stop());

  const client = () =>
    createCtixClient({
      getConfig: async () => ({ baseUrl: sb.ctixBase, ...sb.credentials.ctix, expiresOn: null }),
      limiter: createTokenBucket({ perMinute: 60_000, capacity: 100 }),
      sleep: async () => undefined,
    });

  it('reads all 25 pages of the 2,500-relation report, each signed afresh', async () => {
    sb.reset();
    const seed = seedData();
    const result = await createResolver({
      ctix: client(),
      mappedTypes: ['ipv4-addr', 'domain-name', 'url'],
      concurrency: 4,
    }).resolve([{ type: 'report', id: KNOWN_IDS.bigReport }]);
    const targets = seed.relationsOf(KNOWN_IDS.bigReport).map((r) => r.target);
    const indicators = targets.filter((o) => o.type === 'indicator');
    const mappedValues = indicators
      .filter((o) => ['ipv4-addr', 'domain-name', 'url'].includes(o.ioc_type ?? ''))
      .map((o) => o.name);
    expect(result.mapped.map((t) => t.value)).toEqual(mappedValues);
    expect(result.mapped.length + result.unmapped.length).toBe(indicators.length);
    expect(Object.keys(result.unmappedCounts).toSorted()).toEqual(['MD5', 'SHA-256', 'email-addr']);
    expect(result.sources[0]).toMatchObject({
      name: KNOWN.bigReportName,
      relations: BIG_REPORT_RELATIONS,
    });
    const log = (await (await fetch(`${sb.url}/__sandbox/requests?path=/relations/`)).json()) as {
      results: { query: Record<string, string>; signature: string; status: number }[];
    };
    expect(log.results).toHaveLength(25);
    expect(new Set(log.results.map((r) => r.query.page)).size).toBe(25);
    expect(log.results.every((r) => r.signature === 'ok' && r.status === 200)).toBe(true);
  });

  const fault = (rule: unknown) =>
    fetch(`${sb.url}/__sandbox/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(rule),
    });

  it('rides out a 429 and a 500 on relation pages (the client retries them)', async () => {
    sb.reset();
    await fault([
      { path: '/relations/', action: 'status', status: 429, times: 1 },
      { path: '/relations/', action: 'status', status: 500, times: 1 },
    ]);
    const result = await createResolver({
      ctix: client(),
      mappedTypes: ['ipv4-addr'],
    }).resolve([{ type: 'report', id: KNOWN_IDS.bigReport }]);
    expect(result.sources[0]?.relations).toBe(BIG_REPORT_RELATIONS);
    const log = (await (await fetch(`${sb.url}/__sandbox/requests?path=/relations/`)).json()) as {
      results: { status: number }[];
    };
    expect(log.results.map((r) => r.status).filter((s) => s !== 200)).toEqual([429, 500]);
    expect(log.results).toHaveLength(27);
  });

  it('rejects with the failing page when a relation page keeps failing', async () => {
    sb.reset();
    await fault({ path: '/relations/', action: 'status', status: 503 });
    const error = await createResolver({ ctix: client(), mappedTypes: ['ipv4-addr'] })
      .resolve([{ type: 'report', id: KNOWN_IDS.bigReport }])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResolveError);
    expect(error).toMatchObject({
      stage: 'relations',
      page: 1,
      source: { type: 'report', id: KNOWN_IDS.bigReport },
    });
    await fetch(`${sb.url}/__sandbox/faults`, { method: 'DELETE' });
  });

  it('resolves a known indicator to its value and IOC type', async () => {
    const result = await createResolver({ ctix: client(), mappedTypes: ['ipv4-addr'] }).resolve([
      { type: 'indicator', id: KNOWN_IDS.ipv4 },
    ]);
    expect(result.mapped.map((t) => [t.value, t.ctixType])).toEqual([[KNOWN.ipv4, 'ipv4-addr']]);
  });
});
