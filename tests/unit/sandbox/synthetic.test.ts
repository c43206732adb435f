import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  BIG_REPORT_RELATIONS,
  KNOWN,
  KNOWN_IDS,
  MAX_LIST_ROWS,
  seedData,
  UNKNOWN_REPORT_IOCS,
} from '../../../sandbox/seed';
import { jsonOf, startTestSandbox, T0_S, type PageBody, type TestSandbox } from './helpers';

const seed = seedData();
const rows = seed.listRows(MAX_LIST_ROWS);

describe('list rows (seed + synthetic)', () => {
  it('defaults to the seed objects, and fills up to 10,000 with synthetic ones', () => {
    expect(seed.listRows().map((o) => o.id)).toEqual(seed.objects.map((o) => o.id));
    expect(rows).toHaveLength(MAX_LIST_ROWS);
    expect(seed.listRows(MAX_LIST_ROWS + 5)).toHaveLength(MAX_LIST_ROWS);
    expect(seed.listRows(3).map((o) => o.id)).toEqual(seed.objects.slice(0, 3).map((o) => o.id));
    expect(new Set(rows.map((o) => o.id)).size).toBe(MAX_LIST_ROWS);
  });

  it('is deterministic per seed and differs between seeds', () => {
    const again = seedData().listRows(MAX_LIST_ROWS);
    expect(again.map((o) => `${o.id} ${o.name}`)).toEqual(rows.map((o) => `${o.id} ${o.name}`));
    const other = seedData(7).listRows(MAX_LIST_ROWS).slice(-100);
    expect(other.map((o) => o.id)).not.toEqual(rows.slice(-100).map((o) => o.id));
  });

  it('has unique indicator values that never hit a seed or a "new" report value', () => {
    const indicators = rows.filter((o) => o.type === 'indicator');
    expect(new Set(indicators.map((o) => o.name.toLowerCase())).size).toBe(indicators.length);
    const unknown = new Set(Object.values(UNKNOWN_REPORT_IOCS).map((v) => v.toLowerCase()));
    for (const o of indicators) expect(unknown.has(o.name.toLowerCase())).toBe(false);
    const types = new Set(rows.slice(seed.objects.length).map((o) => o.ioc_type ?? o.type));
    expect([...types].toSorted()).toEqual(
      [
        'MD5',
        'SHA-256',
        'attack-pattern',
        'domain-name',
        'email-addr',
        'ipv4-addr',
        'malware',
        'tool',
        'url',
      ].toSorted(),
    );
  });

  it('resolves every row by ID and every synthetic indicator by value', () => {
    for (const o of rows) expect(seed.getObject(o.id)).toBe(o);
    const last = rows.at(-1);
    expect(last && seed.findByValue(last.name.toUpperCase())).toBe(last);
  });

  it('relates the big report to the first 2,500 synthetic objects, both ways', () => {
    const relations = seed.relationsOf(KNOWN_IDS.bigReport);
    expect(relations).toHaveLength(BIG_REPORT_RELATIONS);
    const first = relations[0]?.target;
    expect(first && seed.relationsOf(first.id).map((r) => r.target.name)).toEqual([
      KNOWN.bigReportName,
    ]);
    const afterBig = rows[seed.objects.length + BIG_REPORT_RELATIONS];
    expect(afterBig && seed.relationsOf(afterBig.id)).toEqual([]);
  });
});

let t: TestSandbox;
beforeAll(async () => {
  t = await startTestSandbox();
});
afterAll(() => t.sb.stop());
beforeEach(() => {
  t.sb.reset();
  t.clock.now = T0_S * 1000;
});

describe('synthetic objects through the CTIX API', () => {
  it('answers basic/ for a synthetic indicator with its value and IOC type', async () => {
    const o = rows.find((r, i) => i > seed.objects.length && r.ioc_type === 'domain-name');
    if (!o) throw new Error('no synthetic domain');
    const res = await t.ctix(`ingestion/threat-data/indicator/${o.id}/basic/`);
    expect(res.status).toBe(200);
    expect(await jsonOf(res)).toMatchObject({
      name: o.name,
      type: 'indicator',
      sub_type: 'domain-name',
    });
    expect((await t.ctix(`ingestion/threat-data/malware/${o.id}/basic/`)).status).toBe(404);
  });

  it('finds synthetic indicators with the bulk lookup', async () => {
    const o = rows.at(-4);
    if (!o || o.type !== 'indicator') throw new Error(`row is ${o?.type}`);
    const body = await jsonOf<PageBody<{ id: string; ioc_type: string }>>(
      await t.ctix('ingestion/openapi/bulk-lookup/indicator/', {
        method: 'POST',
        body: { value: [o.name] },
      }),
    );
    expect(body.results).toEqual([expect.objectContaining({ id: o.id, ioc_type: o.ioc_type })]);
  });

  it('pages through all 2,500 relations of the big report, signed afresh per page', async () => {
    const seen = new Set<string>();
    let total = 0;
    for (let page = 1; page <= 25; page++) {
      const body = await jsonOf<
        PageBody<{ target_ref: { id: string; object_type: string; sub_type: string | null } }>
      >(
        await t.ctix(`ingestion/threat-data/report/${KNOWN_IDS.bigReport}/relations/`, {
          params: { page: String(page), page_size: '100' },
        }),
      );
      total = body.total;
      for (const r of body.results) seen.add(r.target_ref.id);
      if (page === 25) expect(body.next).toBeNull();
    }
    expect(total).toBe(BIG_REPORT_RELATIONS);
    expect(seen.size).toBe(BIG_REPORT_RELATIONS);
    const beyond = await t.ctix(`ingestion/threat-data/report/${KNOWN_IDS.bigReport}/relations/`, {
      params: { page: '26', page_size: '100' },
    });
    expect(beyond.status).toBe(404);
  });
});
