import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { KNOWN, KNOWN_IDS, seedData } from '../../../sandbox/seed';
import {
  jsonOf,
  startTestSandbox,
  T0_S,
  type Json,
  type PageBody,
  type TestSandbox,
} from './helpers';

interface Row {
  id: string;
  name: string;
  type: string;
  ioc_type: string | null;
  sub_type: string | null;
  is_whitelisted: boolean;
  is_false_positive: boolean;
  ctix_created: number | string;
}
interface RelationRow {
  id: string;
  relationship_type: string;
  target_ref: {
    id: string;
    name: string;
    object_type: string;
    sub_type: string | null;
    tlp: string;
  };
}

const seed = seedData();
const bigReport = seed.ofType('report').find((r) => seed.relationsOf(r.id).length === 300);

let t: TestSandbox;
beforeAll(async () => {
  t = await startTestSandbox();
});
afterAll(() => t.sb.stop());
beforeEach(() => {
  t.sb.reset();
  t.clock.now = T0_S * 1000;
});

describe('ping and ioc-types', () => {
  it('pings', async () => {
    expect(await jsonOf(await t.ctix('ping/'))).toEqual({ result: 'pong' });
  });

  it('lists the IOC types in API spelling', async () => {
    const body = await jsonOf<{ results: { id: string; name: string }[] }>(
      await t.ctix('ingestion/utilities/ioc-types/'),
    );
    const ids = body.results.map((r) => r.id);
    expect(ids).toEqual(
      expect.arrayContaining(['ipv4-addr', 'domain-name', 'SHA-256', 'autonomous-system']),
    );
    expect(body.results.find((r) => r.id === 'ipv4-addr')?.name).toBe('IPv4 Address');
  });
});

describe('threat data object', () => {
  it('returns basic/ with the documented fields and without the ID', async () => {
    const res = await t.ctix(`ingestion/threat-data/indicator/${KNOWN_IDS.ipv4}/basic/`);
    expect(res.status).toBe(200);
    const body = await jsonOf(res);
    expect(body).not.toHaveProperty('id');
    expect(body).toMatchObject({
      name: KNOWN.ipv4,
      type: 'indicator',
      sub_type: 'ipv4-addr',
      confidence_score: 92,
      tlp: 'AMBER',
    });
    for (const key of [
      'description',
      'sources',
      'tags',
      'created',
      'modified',
      'ctix_created',
      'ctix_modified',
      'valid_from',
      'valid_until',
    ]) {
      expect(body).toHaveProperty(key);
    }
    expect(typeof body.created).toBe('number');
  });

  it('answers 404 for an unknown ID or the wrong object type', async () => {
    expect(
      (await t.ctix('ingestion/threat-data/indicator/00000000-0000-4000-8000-000000000000/basic/'))
        .status,
    ).toBe(404);
    expect((await t.ctix(`ingestion/threat-data/malware/${KNOWN_IDS.ipv4}/basic/`)).status).toBe(
      404,
    );
  });
});

describe('pagination', () => {
  const relationsPath = `ingestion/threat-data/report/${bigReport?.id ?? 'missing'}/relations/`;

  it('walks all 300 relations of the largest report, signing every page afresh', async () => {
    const seen = new Set<string>();
    let total = -1;
    for (let page = 1; ; page++) {
      const res = await t.ctix(relationsPath, { params: { page: String(page), page_size: '100' } });
      expect(res.status).toBe(200);
      const body = await jsonOf<PageBody<RelationRow>>(res);
      total = body.total;
      expect(body.page_size).toBe(100);
      for (const r of body.results) seen.add(r.target_ref.id);
      if (!body.next) break;
      expect(page).toBeLessThan(10);
    }
    expect(total).toBe(300);
    expect(seen.size).toBe(300);
  });

  it('defaults to 10 per page and caps page_size at 100', async () => {
    const first = await jsonOf<PageBody<RelationRow>>(await t.ctix(relationsPath));
    expect(first.results).toHaveLength(10);
    expect(first.page_size).toBe(10);
    expect(first.previous).toBeNull();
    const capped = await jsonOf<PageBody<RelationRow>>(
      await t.ctix(relationsPath, { params: { page_size: '500' } }),
    );
    expect(capped.page_size).toBe(100);
    expect(capped.results).toHaveLength(100);
  });

  it('gives relative next/previous links that repeat the old signature', async () => {
    const res = await t.ctix(relationsPath, { params: { page: '2', page_size: '50' } });
    const body = await jsonOf<PageBody<RelationRow>>(res);
    const sent = new URL(res.url).searchParams;
    for (const link of [body.next, body.previous]) {
      expect(link).not.toBeNull();
      expect(link).toMatch(/^\/ctixapi\/ingestion\/threat-data\/report\//);
      const q = new URL(link as string, t.sb.url).searchParams;
      expect(q.get('Signature')).toBe(sent.get('Signature'));
      expect(q.get('Expires')).toBe(sent.get('Expires'));
      expect(q.get('AccessID')).toBe(sent.get('AccessID'));
      expect(q.get('page_size')).toBe('50');
    }
    expect(new URL(body.next as string, t.sb.url).searchParams.get('page')).toBe('3');
    expect(new URL(body.previous as string, t.sb.url).searchParams.get('page')).toBe('1');
  });

  it('punishes following next once the old signature has expired', async () => {
    const body = await jsonOf<PageBody<RelationRow>>(await t.ctix(relationsPath));
    t.clock.now += 60_000;
    const res = await fetch(`${t.sb.url}${body.next as string}`);
    expect(res.status).toBe(403);
  });

  it('answers 404 "Invalid page." past the last page or for a bad page number', async () => {
    const res = await t.ctix(relationsPath, { params: { page: '31' } });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ detail: 'Invalid page.' });
    expect((await t.ctix(relationsPath, { params: { page: '0' } })).status).toBe(404);
    expect((await t.ctix(relationsPath, { params: { page: 'two' } })).status).toBe(404);
  });

  it('shows a relation from both ends', async () => {
    const body = await jsonOf<PageBody<RelationRow>>(
      await t.ctix(`ingestion/threat-data/indicator/${KNOWN_IDS.ipv4}/relations/`, {
        params: { page_size: '100' },
      }),
    );
    expect(body.results).toContainEqual(
      expect.objectContaining({
        relationship_type: 'indicates',
        target_ref: expect.objectContaining({
          id: KNOWN_IDS.malware,
          name: KNOWN.malware,
          object_type: 'malware',
        }),
      }),
    );
    expect(body.results.map((r) => r.target_ref.id)).toContain(KNOWN_IDS.report);
  });
});

const search = (query: string, params: Record<string, string> = {}) =>
  t.ctix('ingestion/threat-data/list/', { body: { query }, params });

describe('CQL search', () => {
  it('finds indicators by value, with list fields', async () => {
    const res = await search(
      `type = "indicator" AND value IN ("${KNOWN.ipv4}","${KNOWN.domain}","203.0.113.77")`,
    );
    expect(res.status).toBe(200);
    const body = await jsonOf<PageBody<Row>>(res);
    expect(body.total).toBe(2);
    expect(body.results.map((r) => r.id).toSorted()).toEqual(
      [KNOWN_IDS.ipv4, KNOWN_IDS.domain].toSorted(),
    );
    const ip = body.results.find((r) => r.name === KNOWN.ipv4) as Row;
    expect(ip).toMatchObject({ type: 'indicator', ioc_type: 'ipv4-addr', sub_type: 'value' });
    for (const key of [
      'confidence_score',
      'tlp',
      'is_false_positive',
      'is_whitelisted',
      'is_deprecated',
      'sources',
      'tags',
      'ctix_created',
    ]) {
      expect(ip).toHaveProperty(key);
    }
    expect(typeof ip.ctix_created).toBe('number');
  });

  it('filters by ioc_type and by object type, paginated', async () => {
    const sha = await jsonOf<PageBody<Row>>(
      await search('ioc_type = "SHA-256"', { page_size: '100' }),
    );
    expect(sha.total).toBe(seed.indicators('SHA-256').length);
    expect(sha.results.every((r) => r.ioc_type === 'SHA-256')).toBe(true);
    const malware = await jsonOf<PageBody<Row>>(
      await search('type = "malware"', { page_size: '100' }),
    );
    expect(malware.total).toBe(seed.ofType('malware').length);
    expect(malware.results.map((r) => r.name)).toContain(KNOWN.malware);
  });

  it('answers 400 with a message for a query outside the subset', async () => {
    for (const q of ['type = "indicator" OR value = "x"', 'value = 1.2.3.4', 'color = "red"']) {
      const res = await search(q);
      expect(res.status).toBe(400);
      expect(String((await jsonOf(res)).message)).toMatch(/Invalid CQL query/);
    }
  });

  it('answers 400 for a body that is not JSON', async () => {
    const res = await t.ctix('ingestion/threat-data/list/', { body: 'query=type' });
    expect(res.status).toBe(400);
  });
});

const lookup = (body: unknown, params: Record<string, string> = {}) =>
  t.ctix('ingestion/openapi/bulk-lookup/indicator/', { body, params });

describe('bulk lookup', () => {
  it('returns the known values in request order, with ISO timestamps and flags', async () => {
    const res = await lookup({
      value: [KNOWN.domain, '203.0.113.77', KNOWN.ipv4, KNOWN.whitelistedIpv4],
    });
    expect(res.status).toBe(200);
    const body = await jsonOf<PageBody<Row>>(res);
    expect(body.total).toBe(3);
    expect(body.results.map((r) => r.name)).toEqual([
      KNOWN.domain,
      KNOWN.ipv4,
      KNOWN.whitelistedIpv4,
    ]);
    expect(body.results[0]?.ctix_created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/);
    expect(body.results[2]).toMatchObject({ is_whitelisted: true, ioc_type: 'ipv4-addr' });
  });

  it('paginates', async () => {
    const values = [KNOWN.domain, KNOWN.ipv4, KNOWN.sha256];
    const first = await jsonOf<PageBody<Row>>(await lookup({ value: values }, { page_size: '2' }));
    expect(first.total).toBe(3);
    expect(first.results).toHaveLength(2);
    expect(first.next).toMatch(/^\/ctixapi\/ingestion\/openapi\/bulk-lookup\/indicator\/\?/);
    const second = await jsonOf<PageBody<Row>>(
      await lookup({ value: values }, { page_size: '2', page: '2' }),
    );
    expect(second.results.map((r) => r.name)).toEqual([KNOWN.sha256]);
  });

  it('answers 400 per field for a bad body', async () => {
    for (const body of [{}, { value: 'x' }, { value: [] }, { value: [1] }]) {
      const res = await lookup(body);
      expect(res.status).toBe(400);
      expect(await jsonOf(res)).toHaveProperty('value');
    }
  });
});

describe('bulletins', () => {
  interface BulletinRow {
    id: string;
    title: string;
    status: string;
    published: boolean;
    report_id: string;
    description: string;
  }

  it('lists three bulletins, two published, each linked to a report', async () => {
    const body = await jsonOf<PageBody<BulletinRow>>(await t.ctix('conversion/threat-bulletin/'));
    expect(body.total).toBe(3);
    expect(body.results.filter((b) => b.published && b.status === 'published')).toHaveLength(2);
    expect(body.results.filter((b) => !b.published && b.status === 'draft')).toHaveLength(1);
    for (const b of body.results) {
      const report = await t.ctix(`ingestion/threat-data/report/${b.report_id}/basic/`);
      expect(report.status).toBe(200);
    }
  });

  it('searches by q and reads one bulletin', async () => {
    const found = await jsonOf<PageBody<BulletinRow>>(
      await t.ctix('conversion/threat-bulletin/', { params: { q: 'GLASSWING' } }),
    );
    expect(found.results.map((b) => b.id)).toEqual([KNOWN_IDS.bulletin]);
    const one = await jsonOf<BulletinRow & Json>(
      await t.ctix(`conversion/threat-bulletin/${KNOWN_IDS.bulletin}/`),
    );
    expect(one).toMatchObject({
      title: KNOWN.bulletinTitle,
      report_id: KNOWN_IDS.report,
      tlp: 'AMBER',
    });
    expect(one).toHaveProperty('published_on');
    expect(one).toHaveProperty('tags');
    expect((await t.ctix('conversion/threat-bulletin/nope/')).status).toBe(404);
  });
});

describe('investigations', () => {
  interface Item {
    id: string;
    type: 'node' | 'link';
    t: string;
    id1?: string;
    id2?: string;
    prop: { indicator_type?: string | null; score?: number; tlp_data?: string };
  }

  it('returns the canvas and its nodes and links', async () => {
    const canvas = await jsonOf(await t.ctix(`ingestion/canvas/${KNOWN_IDS.canvas}/`));
    expect(canvas).toMatchObject({ id: KNOWN_IDS.canvas, name: KNOWN.canvasName });
    const nodes = await jsonOf<{ results: Item[] }>(
      await t.ctix(`ingestion/canvas/nodes/${KNOWN_IDS.canvas}/`),
    );
    const ip = nodes.results.find((n) => n.id === `indicator--${KNOWN_IDS.ipv4}`);
    expect(ip).toMatchObject({
      type: 'node',
      t: KNOWN.ipv4,
      prop: { indicator_type: 'ipv4-addr', score: 92, tlp_data: 'AMBER' },
    });
    const ids = new Set(nodes.results.filter((n) => n.type === 'node').map((n) => n.id));
    const links = nodes.results.filter((n) => n.type === 'link');
    expect(links.length).toBeGreaterThan(0);
    for (const l of links) {
      expect(ids.has(l.id1 ?? '')).toBe(true);
      expect(ids.has(l.id2 ?? '')).toBe(true);
    }
    expect((await t.ctix('ingestion/canvas/nodes/nope/')).status).toBe(404);
  });
});
