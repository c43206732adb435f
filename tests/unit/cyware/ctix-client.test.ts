import { describe, expect, it } from 'vitest';
import { createCtixClient, enrichmentsFromLookup } from '../../../utils/cyware/ctix-client';
import type { CtixListItem } from '../../../utils/cyware/ctix-schemas';
import { ApiError } from '../../../utils/cyware/errors';
import { at, CTIX_CONFIG, json, sequence, text, type Handler, fakeClientDeps } from './fakes';

function setup(handler: Handler) {
  const { deps, calls, signer } = fakeClientDeps(handler, CTIX_CONFIG);
  return { client: createCtixClient(deps), calls, signer };
}

const relation = (n: number) => ({
  id: `rel-${n}`,
  relationship_type: 'indicates',
  target_ref: {
    id: `indicator--${n}`,
    name: `10.0.0.${n}`,
    object_type: 'indicator',
    sub_type: 'ipv4-addr',
    tlp: null,
  },
});

/** A page of a listing, with the `next` link a server sends (and we must never follow). */
function page(results: unknown[], total: number | null, pageNo: number) {
  return json(200, {
    next: `https://evil.example/ctixapi/next/?page=${pageNo + 1}&Signature=stale`,
    previous: null,
    page_size: results.length,
    total,
    results,
  });
}

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe('ctix: ping', () => {
  it('answers with the latency', async () => {
    const { client, calls } = setup(() => json(200, { result: 'pong' }));
    await expect(client.ping()).resolves.toEqual({ latencyMs: 1000 }); // the fake answers in 1 s
    expect(at(calls, 0).url.pathname).toBe('/ctixapi/ping/');
  });

  it('404 → wrong-base-url', async () => {
    const { client } = setup(() => json(404, { detail: 'Not found.' }));
    expect((await failure(client.ping())).kind).toBe('wrong-base-url');
  });

  it('reports a 503 at once instead of retrying it away', async () => {
    const { client, calls } = setup(() => text(503, 'busy'));
    expect((await failure(client.ping())).kind).toBe('server');
    expect(calls).toHaveLength(1);
  });
});

describe('ctix: getObject', () => {
  it('keeps the id from the path and tolerates nulls', async () => {
    const { client, calls } = setup(() =>
      json(200, {
        name: '1.2.3.4',
        type: 'indicator',
        sub_type: 'ipv4-addr',
        confidence_score: 80,
        tlp: null,
        description: null,
        sources: null,
        tags: [{ id: 't1', name: 'phishing' }],
        created: 1_700_000_000,
        valid_until: null,
        extra_field: { kept: true },
      }),
    );
    const object = await client.getObject('indicator', 'abc-123');
    expect(object).toMatchObject({
      id: 'abc-123',
      type: 'indicator',
      sub_type: 'ipv4-addr',
      tlp: null,
      extra_field: { kept: true },
    });
    expect(at(calls, 0).url.pathname).toBe(
      '/ctixapi/ingestion/threat-data/indicator/abc-123/basic/',
    );
  });

  it('encodes ids so they cannot add path segments', async () => {
    const { client, calls } = setup(() => json(200, {}));
    const object = await client.getObject('threat-actor', '../x?y');
    expect(object).toMatchObject({ id: '../x?y', type: 'threat-actor' });
    expect(at(calls, 0).url.pathname).toBe(
      '/ctixapi/ingestion/threat-data/threat-actor/..%2Fx%3Fy/basic/',
    );
  });

  it.each(['', '.', '..', '%2E%2e'])('refuses the id %j without sending anything', async (id) => {
    const { client, calls } = setup(() => json(200, {}));
    const error = await failure(client.getObject('indicator', id));
    expect(error.kind).toBe('bad-request');
    expect(calls).toHaveLength(0);
  });

  it('a wrong type for a field → invalid-response', async () => {
    const { client } = setup(() => json(200, { name: 'x', confidence_score: 'high' }));
    const error = await failure(client.getObject('indicator', 'i'));
    expect(error.kind).toBe('invalid-response');
    expect(error.message).toContain('confidence_score');
  });
});

describe('ctix: pagination', () => {
  it('builds every page itself, re-signs it, keeps page_size, and never follows next', async () => {
    const all = [1, 2, 3, 4, 5].map(relation);
    const { client, calls, signer } = setup((call) => {
      const pageNo = Number(call.url.searchParams.get('page'));
      return page(all.slice((pageNo - 1) * 2, pageNo * 2), 5, pageNo);
    });
    const result = await client.listRelations('report', 'r-1', { pageSize: 2 });
    expect(result).toMatchObject({ total: 5, pages: 3, truncated: false });
    expect(result.results.map((r) => r.id)).toEqual(['rel-1', 'rel-2', 'rel-3', 'rel-4', 'rel-5']);
    expect(calls.map((c) => c.url.host)).toEqual(Array(3).fill('tenant.example.com'));
    expect(calls.map((c) => c.url.pathname)).toEqual(
      Array(3).fill('/ctixapi/ingestion/threat-data/report/r-1/relations/'),
    );
    expect(calls.map((c) => c.url.searchParams.get('page'))).toEqual(['1', '2', '3']);
    expect(calls.map((c) => c.url.searchParams.get('page_size'))).toEqual(['2', '2', '2']);
    const expires = calls.map((c) => c.url.searchParams.get('Expires'));
    expect(new Set(expires).size).toBe(3);
    expect(signer.signed).toHaveLength(3);
    expect(new Set(signer.signed).size).toBe(3);
  });

  it('without a total, stops at the first short page', async () => {
    const { client, calls } = setup(
      sequence(
        () => page([relation(1), relation(2)], null, 1),
        () => page([relation(3)], null, 2),
      ),
    );
    const result = await client.listRelations('report', 'r', { pageSize: 2 });
    expect(result).toMatchObject({ total: null, pages: 2, truncated: false });
    expect(calls).toHaveLength(2);
  });

  it('takes a 404 for the page after a full last page as the end (DRF "Invalid page.")', async () => {
    const { client, calls } = setup(
      sequence(
        () => page([relation(1), relation(2)], null, 1),
        () => json(404, { detail: 'Invalid page.' }),
      ),
    );
    const result = await client.listRelations('report', 'r', { pageSize: 2 });
    expect(result).toMatchObject({ pages: 1, truncated: false });
    expect(result.results).toHaveLength(2);
    expect(calls).toHaveLength(2);
  });

  it('a 404 on the first page is an error', async () => {
    const { client } = setup(() => json(404, { detail: 'Not found.' }));
    const error = await failure(client.listRelations('report', 'missing'));
    expect(error.status).toBe(404);
  });

  it('stops when the results run out even if the total promised more', async () => {
    const { client, calls } = setup(
      sequence(
        () => page([relation(1), relation(2)], 10, 1),
        () => page([], 10, 2),
      ),
    );
    const result = await client.listRelations('report', 'r', { pageSize: 2 });
    expect(result.results).toHaveLength(2);
    expect(calls).toHaveLength(2);
  });

  it('keeps asking while a server that caps page_size still owes results', async () => {
    // Asked for 5 a page, the server gives 2: page × page_size would wrongly stop after page 1.
    const all = [1, 2, 3, 4].map(relation);
    const { client, calls } = setup((call) => {
      const pageNo = Number(call.url.searchParams.get('page'));
      return page(all.slice((pageNo - 1) * 2, pageNo * 2), 4, pageNo);
    });
    const result = await client.listRelations('report', 'r', { pageSize: 5 });
    expect(result.results).toHaveLength(4);
    expect(calls).toHaveLength(2);
  });

  it('maxPages stops an endless listing and says so', async () => {
    const { client, calls } = setup((call) =>
      page([relation(1), relation(2)], null, Number(call.url.searchParams.get('page'))),
    );
    const result = await client.listRelations('report', 'r', { pageSize: 2, maxPages: 3 });
    expect(result).toMatchObject({ pages: 3, truncated: true });
    expect(calls).toHaveLength(3);
  });

  it('a page that fails validation fails the listing with invalid-response', async () => {
    const { client } = setup(() => page([{ id: 'rel-1' }], 1, 1)); // no target_ref
    const error = await failure(client.listRelations('report', 'r'));
    expect(error.kind).toBe('invalid-response');
    expect(error.message).toContain('results.0.target_ref');
  });

  it('accepts the DRF `count` spelling of the total', async () => {
    const { client, calls } = setup(() =>
      json(200, { count: 1, next: null, results: [relation(1)] }),
    );
    const result = await client.listRelations('report', 'r', { pageSize: 1 });
    expect(result.total).toBe(1);
    expect(calls).toHaveLength(1);
  });
});

describe('ctix: search and lookup', () => {
  const item = { id: 'i-1', name: '1.2.3.4', type: 'indicator', ioc_type: 'ipv4-addr' };

  it('search POSTs the CQL query and pages with page/page_size', async () => {
    const { client, calls } = setup(() => page([item], 1, 1));
    const cql = 'type = "indicator" AND value IN ("1.2.3.4","evil.com")';
    const result = await client.search(cql, { pageSize: 10 });
    expect(result.results).toEqual([item]);
    const call = at(calls, 0);
    expect(call.method).toBe('POST');
    expect(call.url.pathname).toBe('/ctixapi/ingestion/threat-data/list/');
    expect(call.body).toBe(JSON.stringify({ query: cql }));
    expect(call.url.searchParams.get('page_size')).toBe('10');
  });

  it('bulk lookup POSTs the values, and is retried because it is a read', async () => {
    const { client, calls } = setup(
      sequence(
        () => text(503, 'busy'),
        () => page([item], 1, 1),
      ),
    );
    await client.bulkLookup(['1.2.3.4', 'evil.com']);
    expect(calls).toHaveLength(2);
    expect(at(calls, 1).url.pathname).toBe('/ctixapi/ingestion/openapi/bulk-lookup/indicator/');
    expect(at(calls, 1).body).toBe('{"value":["1.2.3.4","evil.com"]}');
  });

  it('turns lookup results into one enrichment per asked value', () => {
    const results: CtixListItem[] = [
      {
        id: 'i-1',
        name: 'Evil.com',
        sub_type: 'value',
        ioc_type: null,
        confidence_score: 91,
        tlp: 'AMBER',
        is_false_positive: false,
        is_whitelisted: true,
      },
      { id: 'i-2', name: '1.2.3.4', sub_type: 'ipv4-addr', is_deprecated: true },
    ];
    expect(enrichmentsFromLookup(['evil.com', '1.2.3.4', 'unknown.example'], results)).toEqual([
      {
        value: 'evil.com',
        known: true,
        id: 'i-1',
        score: 91,
        tlp: 'AMBER',
        falsePositive: false,
        allowlisted: true,
      },
      { value: '1.2.3.4', known: true, id: 'i-2', iocType: 'ipv4-addr', deprecated: true },
      { value: 'unknown.example', known: false },
    ]);
  });
});

describe('ctix: tenant lists, bulletins and investigations', () => {
  it('iocTypes reads {results} or a bare array, naming unnamed types by id', async () => {
    const wrapped = setup(() =>
      json(200, { results: [{ id: 'ipv4-addr', name: 'IPv4 Address' }] }),
    );
    await expect(wrapped.client.iocTypes()).resolves.toEqual([
      { id: 'ipv4-addr', name: 'IPv4 Address' },
    ]);
    expect(at(wrapped.calls, 0).url.pathname).toBe('/ctixapi/ingestion/utilities/ioc-types/');
    const bare = setup(() => json(200, [{ id: 'MD5', name: null }]));
    await expect(bare.client.iocTypes()).resolves.toEqual([{ id: 'MD5', name: 'MD5' }]);
  });

  it('listBulletins passes q and pages', async () => {
    const { client, calls } = setup(() =>
      page([{ id: 'b-1', title: 'Weekly', published: true, report_id: 'report--1' }], 1, 1),
    );
    const result = await client.listBulletins('weekly');
    expect(result.results[0]).toMatchObject({ id: 'b-1', report_id: 'report--1' });
    const url = at(calls, 0).url;
    expect(url.pathname).toBe('/ctixapi/conversion/threat-bulletin/');
    expect(url.searchParams.get('q')).toBe('weekly');
    expect(url.searchParams.get('page')).toBe('1');
  });

  it('getBulletin', async () => {
    const { client, calls } = setup(() => json(200, { id: 'b-1', title: 'Weekly', tags: ['a'] }));
    await expect(client.getBulletin('b-1')).resolves.toMatchObject({ title: 'Weekly' });
    expect(at(calls, 0).url.pathname).toBe('/ctixapi/conversion/threat-bulletin/b-1/');
  });

  it('getCanvas keeps the id and falls back to the title for the name', async () => {
    const { client, calls } = setup(() => json(200, { title: 'Op Nightfall' }));
    await expect(client.getCanvas('c-1')).resolves.toMatchObject({
      id: 'c-1',
      name: 'Op Nightfall',
    });
    expect(at(calls, 0).url.pathname).toBe('/ctixapi/ingestion/canvas/c-1/');
  });

  it('getCanvasNodes reads one unpaged answer', async () => {
    const node = {
      id: 'indicator--1',
      type: 'node',
      t: '1.2.3.4',
      prop: { indicator_type: 'ipv4-addr', score: 50 },
    };
    const { client, calls } = setup(() =>
      json(200, { results: [node, { id: 'l-1', type: 'link', t: null, prop: null }] }),
    );
    const nodes = await client.getCanvasNodes('c-1');
    expect(nodes).toHaveLength(2);
    expect(at(calls, 0).url.pathname).toBe('/ctixapi/ingestion/canvas/nodes/c-1/');
    expect(at(calls, 0).url.searchParams.has('page')).toBe(false);
  });
});

// ---- Intel Exchange overlay (issue 11) ----
describe('listRelationsPage', () => {
  it('asks for one signed page and says from the total whether another follows', async () => {
    const { client, calls, signer } = setup((call) => {
      const pageNo = Number(call.url.searchParams.get('page'));
      return page([relation(pageNo)], 3, pageNo);
    });
    const first = await client.listRelationsPage('report', 'r-1', 2, { pageSize: 1 });
    expect(first).toEqual({ results: [relation(2)], total: 3, hasNext: true });
    const last = await client.listRelationsPage('report', 'r-1', 3, { pageSize: 1 });
    expect(last.hasNext).toBe(true); // the server sent a `next` link: trusted as a hint
    expect(calls.map((c) => c.url.pathname)).toEqual(
      Array(2).fill('/ctixapi/ingestion/threat-data/report/r-1/relations/'),
    );
    expect(
      calls.map((c) => [c.url.searchParams.get('page'), c.url.searchParams.get('page_size')]),
    ).toEqual([
      ['2', '1'],
      ['3', '1'],
    ]);
    expect(signer.signed).toHaveLength(2);
  });

  it('without next, decides by the total, else by a full page', async () => {
    const body = (results: unknown[], total: number | null) =>
      json(200, { next: null, previous: null, total, results });
    const { client } = setup(
      sequence(
        () => body([relation(1), relation(2)], 4),
        () => body([relation(3), relation(4)], 4),
        () => json(200, { results: [relation(1), relation(2)] }),
        () => json(200, { results: [relation(3)] }),
      ),
    );
    expect((await client.listRelationsPage('report', 'r', 1, { pageSize: 2 })).hasNext).toBe(true);
    expect((await client.listRelationsPage('report', 'r', 2, { pageSize: 2 })).hasNext).toBe(false);
    expect((await client.listRelationsPage('report', 'r', 1, { pageSize: 2 })).hasNext).toBe(true);
    expect((await client.listRelationsPage('report', 'r', 2, { pageSize: 2 })).hasNext).toBe(false);
  });

  it('takes a 404 past page 1 as the end, but not on page 1', async () => {
    const { client } = setup(() => json(404, { detail: 'Invalid page.' }));
    await expect(client.listRelationsPage('report', 'r', 2)).resolves.toEqual({
      results: [],
      total: null,
      hasNext: false,
    });
    await failure(client.listRelationsPage('report', 'r', 1));
  });
});
