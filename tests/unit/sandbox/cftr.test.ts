import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  jsonOf,
  startTestSandbox,
  T0_S,
  type Json,
  type PageBody,
  type TestSandbox,
} from './helpers';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface Incident {
  unique_id: string;
  readable_id: string;
  title: string;
  description: string;
  status: string;
  created: number;
}

interface StoredIncident extends Incident {
  body: Json;
  created_via: string;
}

async function storedIncidents(t: TestSandbox): Promise<StoredIncident[]> {
  return (await jsonOf<{ results: StoredIncident[] }>(await t.control('incidents'))).results;
}

describe('default contract', () => {
  let t: TestSandbox;
  beforeAll(async () => {
    t = await startTestSandbox();
  });
  afterAll(() => t.sb.stop());
  beforeEach(() => {
    t.sb.reset();
    t.clock.now = T0_S * 1000;
  });

  const create = (body: unknown) => t.cftr('v1/incident/', { method: 'POST', body });

  it('answers test-connectivity', async () => {
    const res = await t.cftr('test-connectivity/');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ message: 'Connected' });
  });

  it('creates incidents with a UUID and increasing readable IDs, storing the whole body', async () => {
    const body = {
      title: 'Glasswing C2 seen',
      description: 'From Intel Exchange',
      source: 'Intel Exchange',
      threat_intel: { ip_address: ['45.137.21.9'] },
      level: 'High',
    };
    const res = await create(body);
    expect(res.status).toBe(201);
    const first = await jsonOf<Incident & Json>(res);
    expect(first.unique_id).toMatch(UUID);
    expect(first).toMatchObject({
      readable_id: 'INC1001',
      title: body.title,
      description: body.description,
      status: 'Open',
      created: T0_S,
    });
    const second = await jsonOf<Incident>(await create({ title: 'second' }));
    expect(second.readable_id).toBe('INC1002');
    expect(second.unique_id).not.toBe(first.unique_id);
    const stored = await storedIncidents(t);
    expect(stored).toHaveLength(2);
    expect(stored[0]?.body).toEqual(body);
    expect(stored[0]?.created_via).toBe('/cftrapi/openapi/v1/incident/');
  });

  it.each([
    ['no title', { description: 'x' }, { title: ['This field is required.'] }],
    ['a null title', { title: null }, { title: ['This field may not be null.'] }],
    ['a numeric title', { title: 42 }, { title: ['Not a valid string.'] }],
    ['a blank title', { title: '   ' }, { title: ['This field may not be blank.'] }],
    [
      'a 256-char title',
      { title: 'x'.repeat(256) },
      { title: ['Ensure this field has no more than 255 characters.'] },
    ],
    [
      'a non-string description',
      { title: 'ok', description: { html: 1 } },
      { description: ['Not a valid string.'] },
    ],
    [
      'two bad fields',
      { description: 7 },
      { title: ['This field is required.'], description: ['Not a valid string.'] },
    ],
    [
      'a list body',
      [{ title: 'x' }],
      { non_field_errors: ['Invalid data. Expected a dictionary, but got list.'] },
    ],
  ])('answers 400 per field for %s, and creates nothing', async (_what, body, errors) => {
    const res = await create(body);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual(errors);
    expect(await storedIncidents(t)).toHaveLength(0);
  });

  it('accepts a 255-character title (counted in characters, not UTF-16 units)', async () => {
    expect((await create({ title: 'x'.repeat(255) })).status).toBe(201);
    expect((await create({ title: '🦊'.repeat(255) })).status).toBe(201);
  });

  it('answers 400 with a JSON parse error for a body that is not JSON', async () => {
    const res = await create('{"title": "unterminated');
    expect(res.status).toBe(400);
    expect(String((await jsonOf(res)).detail)).toMatch(/^JSON parse error/);
    expect(await storedIncidents(t)).toHaveLength(0);
  });

  it('does not offer the alt create path', async () => {
    expect(
      (await t.cftr('v2/incidents/create/', { method: 'POST', body: { title: 'x' } })).status,
    ).toBe(404);
  });

  it('lists newest first with epoch-second created and date filters', async () => {
    const ids: string[] = [];
    for (const offset of [0, 100, 200]) {
      t.clock.now = (T0_S + offset) * 1000;
      ids.push((await jsonOf<Incident>(await create({ title: `at +${offset}` }))).unique_id);
    }
    const all = await jsonOf<PageBody<Incident>>(await t.cftr('v1/incident/'));
    expect(all.total).toBe(3);
    expect(all.results.map((i) => i.unique_id)).toEqual(ids.toReversed());
    expect(all.results.map((i) => i.created)).toEqual([T0_S + 200, T0_S + 100, T0_S]);
    const window = await jsonOf<PageBody<Incident>>(
      await t.cftr('v1/incident/', {
        params: { created_date__gte: String(T0_S + 50), created_date__lte: String(T0_S + 150) },
      }),
    );
    expect(window.results.map((i) => i.title)).toEqual(['at +100']);
    const paged = await jsonOf<PageBody<Incident>>(
      await t.cftr('v1/incident/', { params: { page_size: '2', page: '2' } }),
    );
    expect(paged.results.map((i) => i.unique_id)).toEqual([ids[0]]);
    expect(paged.previous).toMatch(/^\/cftrapi\/openapi\/v1\/incident\/\?/);
  });

  it('orders incidents created in the same second by creation, newest first', async () => {
    await create({ title: 'a' });
    await create({ title: 'b' });
    const all = await jsonOf<PageBody<Incident>>(await t.cftr('v1/incident/'));
    expect(all.results.map((i) => i.title)).toEqual(['b', 'a']);
  });

  it('answers 400 for a filter that is not a number', async () => {
    const res = await t.cftr('v1/incident/', { params: { created_date__gte: 'yesterday' } });
    expect(res.status).toBe(400);
    expect(await jsonOf(res)).toHaveProperty('created_date__gte');
  });

  it('reads one incident, 404 JSON when unknown', async () => {
    const made = await jsonOf<Incident>(await create({ title: 'one', custom_field: 3 }));
    const res = await t.cftr(`v1/incident/${made.unique_id}/`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      unique_id: made.unique_id,
      readable_id: made.readable_id,
      title: 'one',
      custom_field: 3,
    });
    const missing = await t.cftr('v1/incident/5b7f1f9e-0000-4000-8000-000000000000/');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ detail: 'Not found.' });
  });

  it('serves an incident web page with escaped text, and 404 otherwise', async () => {
    const made = await jsonOf<Incident>(
      await create({
        title: '<img src=x onerror=alert(1)> Glasswing',
        description: '<script>alert(2)</script>',
      }),
    );
    const res = await fetch(`${t.sb.url}/cftr/incidents/${made.unique_id}/`);
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain(made.readable_id);
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt; Glasswing');
    expect(page).toContain('&lt;script&gt;alert(2)&lt;/script&gt;');
    expect(page).not.toContain('<img src=x');
    expect(page).not.toContain('<script>alert');
    expect((await fetch(`${t.sb.url}/cftr/incidents/not-an-incident/`)).status).toBe(404);
  });
});

describe("contract 'alt'", () => {
  let t: TestSandbox;
  beforeAll(async () => {
    t = await startTestSandbox({ contract: 'alt' });
  });
  afterAll(() => t.sb.stop());
  beforeEach(() => t.sb.reset());

  it('reports its contract', () => {
    expect(t.sb.contract).toBe('alt');
  });

  it('creates on v2/incidents/create/ and nests renamed IDs under data', async () => {
    const res = await t.cftr('v2/incidents/create/', {
      method: 'POST',
      body: { title: 'Alt incident' },
    });
    expect(res.status).toBe(201);
    const body = await jsonOf<{
      data: { incident_uuid: string; incident_number: string; title: string };
    }>(res);
    expect(body).not.toHaveProperty('unique_id');
    expect(body.data.incident_uuid).toMatch(UUID);
    expect(body.data.incident_number).toBe('INC1001');
    expect(body.data.title).toBe('Alt incident');
    const one = await jsonOf<Incident>(await t.cftr(`v1/incident/${body.data.incident_uuid}/`));
    expect(one).toMatchObject({ unique_id: body.data.incident_uuid, readable_id: 'INC1001' });
    const list = await jsonOf<PageBody<Incident>>(await t.cftr('v1/incident/'));
    expect(list.results.map((i) => i.readable_id)).toEqual(['INC1001']);
  });

  it('refuses the default create path with 405 and creates nothing', async () => {
    const res = await t.cftr('v1/incident/', { method: 'POST', body: { title: 'x' } });
    expect(res.status).toBe(405);
    expect(await storedIncidents(t)).toHaveLength(0);
  });

  it('validates the body the same way', async () => {
    const res = await t.cftr('v2/incidents/create/', { method: 'POST', body: {} });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ title: ['This field is required.'] });
  });
});
