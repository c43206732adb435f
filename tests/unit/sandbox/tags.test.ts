import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { COLLEAGUE_INCIDENT, KNOWN, KNOWN_IDS, seedData } from '../../../sandbox/seed';
import {
  jsonOf,
  startTestSandbox,
  T0_S,
  type Json,
  type PageBody,
  type TestSandbox,
} from './helpers';

interface TenantTag {
  id: string;
  name: string;
  colour_code: string;
  tag_type: string;
}
interface Basic {
  name: string;
  tags: { id: string; name: string }[];
}

let t: TestSandbox;
beforeAll(async () => {
  t = await startTestSandbox();
});
afterAll(() => t.sb.stop());
beforeEach(() => {
  t.sb.reset();
  t.clock.now = T0_S * 1000;
});

const listTags = async (params: Record<string, string> = {}): Promise<PageBody<TenantTag>> =>
  jsonOf<PageBody<TenantTag>>(await t.ctix('ingestion/tags/', { params }));
const createTag = (body: unknown): Promise<Response> =>
  t.ctix('ingestion/tags/', { method: 'POST', body });
const updateTag = (body: unknown): Promise<Response> =>
  t.ctix('ingestion/threat-data/action/update_tag/', { method: 'POST', body });
const basic = async (type: string, id: string): Promise<Basic> =>
  jsonOf<Basic>(await t.ctix(`ingestion/threat-data/${type}/${id}/basic/`));

describe('GET ingestion/tags/', () => {
  it('lists the tenant tags with id, name, colour_code and tag_type, paged', async () => {
    const all = await listTags({ page_size: '100' });
    expect(all.total).toBe(seedData().tags.length);
    expect(all.results[0]).toEqual({
      id: expect.any(String),
      name: 'phishing',
      colour_code: expect.stringMatching(/^#[0-9a-f]{6}$/),
      tag_type: 'user',
    });
    const page2 = await listTags({ page_size: '5', page: '2' });
    expect(page2.results.map((x) => x.name)).toEqual(all.results.slice(5, 10).map((x) => x.name));
  });

  it('filters by q, case-insensitively, as a substring of the name', async () => {
    const hits = await listTags({ q: 'cftr inc' });
    expect(hits.results.map((x) => x.name)).toEqual([COLLEAGUE_INCIDENT.tagName]);
    expect(hits.results[0]?.id).toBe(COLLEAGUE_INCIDENT.tagId);
    expect((await listTags({ q: 'no such tag' })).total).toBe(0);
  });

  it('needs a signature', async () => {
    const res = await fetch(`${t.sb.ctixBase}ingestion/tags/`);
    expect(res.status).toBe(401);
  });
});

describe('POST ingestion/tags/', () => {
  it('creates a tag from its name (201) and lists it afterwards', async () => {
    const res = await createTag({ name: '  CFTR INC1042 ' });
    expect(res.status).toBe(201);
    const tag = await jsonOf<TenantTag>(res);
    expect(tag).toMatchObject({ name: 'CFTR INC1042', tag_type: 'user' });
    expect(tag.id).toMatch(/^[0-9a-f-]{36}$/);
    const listed = await listTags({ q: 'INC1042' });
    expect(listed.results).toEqual([tag]);
  });

  it('refuses a duplicate name (any case), a blank or missing name with DRF field errors', async () => {
    expect((await createTag({ name: 'cftr inc977' })).status).toBe(400);
    const dup = await jsonOf(await createTag({ name: COLLEAGUE_INCIDENT.tagName }));
    expect(dup).toEqual({ name: ['tag with this name already exists.'] });
    expect(await jsonOf(await createTag({}))).toEqual({ name: ['This field is required.'] });
    expect(await jsonOf(await createTag({ name: ' ' }))).toEqual({
      name: ['This field may not be blank.'],
    });
    expect((await createTag({ name: 'x'.repeat(101) })).status).toBe(400);
    expect((await createTag('not json')).status).toBe(400);
  });

  it('is forgotten on reset', async () => {
    await createTag({ name: 'temporary' });
    t.sb.reset();
    expect((await listTags({ q: 'temporary' })).total).toBe(0);
  });
});

describe('POST ingestion/threat-data/action/update_tag/', () => {
  it('sets the object tags, which basic/ then shows', async () => {
    const before = await basic('indicator', KNOWN_IDS.ipv4);
    const tag = await jsonOf<TenantTag>(await createTag({ name: 'CFTR INC1001' }));
    const ids = [...before.tags.map((x) => x.id), tag.id];
    const res = await updateTag({
      object_type: 'indicator',
      object_id: KNOWN_IDS.ipv4,
      data: { tag_ids: ids },
    });
    expect(res.status).toBe(200);
    expect((await jsonOf<{ tags: unknown[] }>(res)).tags).toHaveLength(ids.length);
    const after = await basic('indicator', KNOWN_IDS.ipv4);
    expect(after.tags.map((x) => x.name)).toEqual([
      ...before.tags.map((x) => x.name),
      'CFTR INC1001',
    ]);
  });

  it('replaces rather than adds: tags left out are removed', async () => {
    const tag = await jsonOf<TenantTag>(await createTag({ name: 'only-this' }));
    await updateTag({
      object_type: 'report',
      object_id: KNOWN_IDS.report,
      data: { tag_ids: [tag.id] },
    });
    expect((await basic('report', KNOWN_IDS.report)).tags).toEqual([
      { id: tag.id, name: 'only-this' },
    ]);
  });

  it('tags a synthetic list object too', async () => {
    const row = seedData().listRows(10_000).at(-1);
    if (!row) throw new Error('no rows');
    const res = await updateTag({
      object_type: row.type,
      object_id: row.id,
      data: { tag_ids: [COLLEAGUE_INCIDENT.tagId] },
    });
    expect(res.status).toBe(200);
    expect((await basic(row.type, row.id)).tags.map((x) => x.name)).toEqual([
      COLLEAGUE_INCIDENT.tagName,
    ]);
  });

  it('answers 404 for an unknown object or a wrong type, 400 for unknown tags or a bad body', async () => {
    const tagIds = [COLLEAGUE_INCIDENT.tagId];
    expect(
      (
        await updateTag({
          object_type: 'malware',
          object_id: KNOWN_IDS.ipv4,
          data: { tag_ids: tagIds },
        })
      ).status,
    ).toBe(404);
    const unknown = await updateTag({
      object_type: 'indicator',
      object_id: KNOWN_IDS.ipv4,
      data: { tag_ids: ['nope'] },
    });
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(await jsonOf(unknown))).toContain('nope');
    const bad = await updateTag({ object_id: KNOWN_IDS.ipv4, data: {} });
    expect(bad.status).toBe(400);
    expect(Object.keys(await jsonOf<Json>(bad)).toSorted()).toEqual(['data', 'object_type']);
    // Nothing changed on the object.
    expect((await basic('indicator', KNOWN_IDS.ipv4)).tags.map((x) => x.name)).toEqual([
      'glasswing',
    ]);
  });

  it('is logged and obeys faults like every CTIX call', async () => {
    await t.control('faults', {
      body: { path: 'action/update_tag/', action: 'status', status: 429, times: 1 },
    });
    const body = {
      object_type: 'indicator',
      object_id: KNOWN_IDS.ipv4,
      data: { tag_ids: [COLLEAGUE_INCIDENT.tagId] },
    };
    expect((await updateTag(body)).status).toBe(429);
    expect((await basic('indicator', KNOWN_IDS.ipv4)).tags.map((x) => x.name)).toEqual([
      'glasswing',
    ]);
    expect((await updateTag(body)).status).toBe(200);
    const log = (await t.requests()).filter((r) => r.path.endsWith('action/update_tag/'));
    expect(log.map((r) => [r.status, r.signature, r.product])).toEqual([
      [429, 'ok', 'ctix'],
      [200, 'ok', 'ctix'],
    ]);
    expect(log[1]?.body).toEqual(body);
  });
});

describe('the colleague incident', () => {
  it('is tagged on the threat actor and opens in Respond (API and page)', async () => {
    const actor = await basic('threat-actor', COLLEAGUE_INCIDENT.objectId);
    expect(actor.name).toBe(KNOWN.threatActor);
    expect(actor.tags).toContainEqual({
      id: COLLEAGUE_INCIDENT.tagId,
      name: COLLEAGUE_INCIDENT.tagName,
    });
    const one = await t.cftr(`v1/incident/${COLLEAGUE_INCIDENT.uniqueId}/`);
    expect(one.status).toBe(200);
    expect(await jsonOf(one)).toMatchObject({
      unique_id: COLLEAGUE_INCIDENT.uniqueId,
      readable_id: COLLEAGUE_INCIDENT.readableId,
    });
    const page = await fetch(`${t.sb.url}/cftr/incidents/${COLLEAGUE_INCIDENT.uniqueId}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(COLLEAGUE_INCIDENT.readableId);
  });

  it('is not in the lists of created incidents', async () => {
    const list = await jsonOf<PageBody<Json>>(await t.cftr('v1/incident/'));
    expect(list.total).toBe(0);
    const control = await jsonOf<{ total: number }>(await t.control('incidents'));
    expect(control.total).toBe(0);
  });
});
