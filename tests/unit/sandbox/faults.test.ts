import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { jsonOf, startTestSandbox, type Json, type TestSandbox } from './helpers';

interface Stored {
  id: number;
  path: string;
  action: string;
  remaining: number | null;
  hits: number;
}

let t: TestSandbox;
beforeAll(async () => {
  t = await startTestSandbox();
});
afterAll(() => t.sb.stop());
beforeEach(() => t.sb.reset());

const addFault = async (rule: Json): Promise<Stored> => {
  const res = await t.control('faults', { body: rule });
  expect(res.status).toBe(201);
  return jsonOf<Stored>(res);
};
const incidents = async (): Promise<Json[]> =>
  (await jsonOf<{ results: Json[] }>(await t.control('incidents'))).results;
const create = (title = 'faulty') => t.cftr('v1/incident/', { method: 'POST', body: { title } });

describe('fault rules', () => {
  it('adds, lists (with remaining and hits) and clears rules', async () => {
    const rule = await addFault({ path: 'ping/', action: 'status', status: 503, times: 2 });
    expect(rule).toMatchObject({ id: 1, path: 'ping/', action: 'status', remaining: 2, hits: 0 });
    await t.ctix('ping/');
    const listed = await jsonOf<{ results: Stored[] }>(await t.control('faults'));
    expect(listed.results).toEqual([expect.objectContaining({ id: 1, remaining: 1, hits: 1 })]);
    expect((await t.control('faults', { method: 'DELETE' })).status).toBe(200);
    expect((await jsonOf<{ results: Stored[] }>(await t.control('faults'))).results).toEqual([]);
    expect((await t.ctix('ping/')).status).toBe(200);
  });

  it('rejects an invalid rule with per-field errors', async () => {
    const res = await t.control('faults', {
      body: { path: 'x', action: 'explode', status: 'soon' },
    });
    expect(res.status).toBe(400);
    const errors = await jsonOf(res);
    expect(errors).toHaveProperty('action');
    expect(errors).toHaveProperty('status');
    const badRegex = await t.control('faults', { body: { path: '/(/', action: 'drop' } });
    expect(badRegex.status).toBe(400);
    expect(await jsonOf(badRegex)).toHaveProperty('path');
    expect((await jsonOf<{ results: Stored[] }>(await t.control('faults'))).results).toEqual([]);
  });

  it('counts down times, then lets requests through', async () => {
    await addFault({ path: 'ping/', action: 'status', status: 500, times: 2 });
    expect((await t.ctix('ping/')).status).toBe(500);
    expect((await t.ctix('ping/')).status).toBe(500);
    expect((await t.ctix('ping/')).status).toBe(200);
  });

  it('matches the method when given', async () => {
    await addFault({
      method: 'post',
      path: '/cftrapi/openapi/v1/incident/',
      action: 'status',
      status: 503,
    });
    expect((await t.cftr('v1/incident/')).status).toBe(200);
    expect((await create()).status).toBe(503);
  });

  it('treats a path between slashes as a regex over the pathname', async () => {
    await addFault({ path: '/^\\/ctixapi\\/ping\\/$/', action: 'status', status: 500 });
    expect((await t.ctix('ping/')).status).toBe(500);
    expect((await t.ctix('ingestion/utilities/ioc-types/')).status).toBe(200);
  });

  it('never applies to /__sandbox/ control paths', async () => {
    await addFault({ path: '/', action: 'status', status: 500 });
    expect((await t.ctix('ping/')).status).toBe(500);
    expect((await t.control('requests')).status).toBe(200);
    expect((await t.control('faults')).status).toBe(200);
  });
});

describe('fault actions', () => {
  it('status 429 with Retry-After, answered before auth', async () => {
    await addFault({ path: 'ping/', action: 'status', status: 429, retryAfter: 7 });
    const unsigned = await fetch(`${t.sb.ctixBase}ping/`);
    expect(unsigned.status).toBe(429);
    expect(unsigned.headers.get('retry-after')).toBe('7');
    expect(await unsigned.json()).toEqual({ detail: 'Request was throttled.' });
  });

  it('status 400 defaults to a per-field error map; a given body wins', async () => {
    await addFault({ path: 'v1/incident/', action: 'status', status: 400, times: 1 });
    const res = await create();
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      title: ['Ensure this field has no more than 255 characters.'],
    });
    await addFault({
      path: 'v1/incident/',
      action: 'status',
      status: 400,
      body: { level: ['Invalid pk "9".'] },
    });
    expect(await jsonOf(await create())).toEqual({ level: ['Invalid pk "9".'] });
    expect(await incidents()).toHaveLength(0);
  });

  it('status 500 and 503 answer JSON errors without touching state', async () => {
    await addFault({ path: 'v1/incident/', action: 'status', status: 503, times: 1 });
    const res = await create();
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(await incidents()).toHaveLength(0);
  });

  it('html403 answers a Cloudflare Access HTML page', async () => {
    await addFault({ path: '/ctixapi/', action: 'html403' });
    const res = await t.ctix('ping/');
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toContain('text/html');
    const text = await res.text();
    expect(text).toContain('Cloudflare Access');
    expect(() => JSON.parse(text) as unknown).toThrow();
  });

  it('delay waits, then processes normally', async () => {
    await addFault({ path: 'ping/', action: 'delay', delayMs: 300 });
    const started = Date.now();
    const res = await t.ctix('ping/');
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ result: 'pong' });
  });

  it('drop: the client sees a socket error, but the incident exists', async () => {
    await addFault({ method: 'POST', path: 'v1/incident/', action: 'drop', times: 1 });
    await expect(create('dropped')).rejects.toThrow();
    const made = await incidents();
    expect(made).toHaveLength(1);
    expect(made[0]).toMatchObject({ title: 'dropped', readable_id: 'INC1001' });
    const log = await t.requests();
    expect(log.at(-1)).toMatchObject({
      path: '/cftrapi/openapi/v1/incident/',
      status: 201,
      fault: { action: 'drop' },
    });
    // The next request gets through on a fresh connection.
    expect((await create('after')).status).toBe(201);
  });

  it('malformed: 200 with a body that is not JSON, after processing', async () => {
    await addFault({ path: 'v1/incident/', action: 'malformed', times: 1 });
    const res = await create('garbled');
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(() => JSON.parse(text) as unknown).toThrow();
    expect(await incidents()).toHaveLength(1);
  });
});

describe('inspection and reset', () => {
  it('logs API calls with product, verdict, status and body, but not control calls', async () => {
    await create('logged');
    await fetch(`${t.sb.ctixBase}ping/`);
    await fetch(`${t.sb.url}/pages/plain.html`);
    await t.control('incidents');
    const log = await t.requests();
    expect(log.map((e) => [e.product, e.path, e.signature, e.status])).toEqual([
      ['cftr', '/cftrapi/openapi/v1/incident/', 'ok', 201],
      ['ctix', '/ctixapi/ping/', 'missing', 401],
      ['ui', '/pages/plain.html', null, 200],
    ]);
    expect(log[0]?.body).toEqual({ title: 'logged' });
    expect(log[0]?.query).toHaveProperty('Signature');
    const filtered = await jsonOf<{ results: unknown[] }>(await t.control('requests?product=ctix'));
    expect(filtered.results).toHaveLength(1);
  });

  it('POST /__sandbox/reset clears incidents, requests and faults and restarts numbering', async () => {
    await create('before');
    await addFault({ path: 'ping/', action: 'status', status: 500 });
    expect((await t.control('reset', { method: 'POST' })).status).toBe(200);
    expect(await incidents()).toHaveLength(0);
    expect(await t.requests()).toHaveLength(0);
    expect((await jsonOf<{ results: unknown[] }>(await t.control('faults'))).results).toHaveLength(
      0,
    );
    expect((await t.ctix('ping/')).status).toBe(200);
    expect((await jsonOf(await create('after'))).readable_id).toBe('INC1001');
  });

  it('sandbox.reset() does the same in-process', async () => {
    await create('before');
    await addFault({ path: 'ping/', action: 'status', status: 500 });
    t.sb.reset();
    expect(await incidents()).toHaveLength(0);
    expect((await t.ctix('ping/')).status).toBe(200);
  });

  it('refuses GET on reset', async () => {
    expect((await t.control('reset')).status).toBe(405);
  });
});
