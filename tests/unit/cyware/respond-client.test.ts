import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../utils/cyware/errors';
import { createRespondClient } from '../../../utils/cyware/respond-client';
import { readIdByPaths } from '../../../utils/cyware/id-paths';
import { at, CFTR_CONFIG, json, text, type Handler, fakeClientDeps } from './fakes';

function setup(handler: Handler, timeoutMs?: number) {
  const { deps, calls, signer } = fakeClientDeps(handler, CFTR_CONFIG);
  const client = createRespondClient({
    ...deps,
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
  });
  return { client, calls, signer };
}

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

const CREATE = {
  path: 'v1/incident/',
  body: '{"title":"T","description":"d\\n\\nBridge-Ref: 3f2b8c1e-7d4a-4e9b-9c61-5a0f2e8d7b13","n":12345678901234567890}',
  apiIdPaths: ['unique_id', 'id'],
  readableIdPaths: ['readable_id', 'incident_id'],
};

describe('respond: testConnectivity', () => {
  it('passes on a 200 whatever its body, even an empty one', async () => {
    const { client, calls } = setup(() => new Response(null, { status: 200 }));
    await expect(client.testConnectivity()).resolves.toEqual({ latencyMs: 1000 });
    expect(at(calls, 0).url.pathname).toBe('/cftrapi/openapi/test-connectivity/');
    expect(at(calls, 0).url.searchParams.get('AccessID')).toBe('cftr-ak');
  });

  it('404 → wrong-base-url, 401 → auth', async () => {
    expect((await failure(setup(() => json(404, {})).client.testConnectivity())).kind).toBe(
      'wrong-base-url',
    );
    expect((await failure(setup(() => json(401, {})).client.testConnectivity())).kind).toBe('auth');
  });
});

describe('respond: createIncident', () => {
  it('sends the body byte for byte and reads the default ID paths', async () => {
    const raw = { unique_id: 'u-1', readable_id: 'INC123', title: 'T' };
    const { client, calls } = setup(() => json(201, raw));
    await expect(client.createIncident(CREATE)).resolves.toEqual({
      apiId: 'u-1',
      readableId: 'INC123',
      raw,
    });
    const call = at(calls, 0);
    expect(call.method).toBe('POST');
    expect(call.url.pathname).toBe('/cftrapi/openapi/v1/incident/');
    expect(call.body).toBe(CREATE.body);
  });

  it('falls back along the paths and reads the nested alternative contract', async () => {
    const { client } = setup(() =>
      json(200, { status: 'ok', data: { incident_uuid: 'uuid-9', incident_number: 42 } }),
    );
    const created = await client.createIncident({
      ...CREATE,
      apiIdPaths: ['unique_id', 'data.incident_uuid'],
      readableIdPaths: ['readable_id', 'data.incident_number'],
    });
    expect(created).toMatchObject({ apiId: 'uuid-9', readableId: '42' });
  });

  it('a missing ID → invalid-response that quotes the response keys', async () => {
    const { client } = setup(() => json(201, { data: { incident_uuid: 'x' }, msg: 'created' }));
    const error = await failure(client.createIncident(CREATE));
    expect(error.kind).toBe('invalid-response');
    expect(error.status).toBe(201);
    expect(error.message).toContain('unique_id, id');
    expect(error.message).toContain('data, data.incident_uuid, msg');
    expect(error.message).toMatch(/probably created/);
  });

  it('a missing readable ID is reported as such', async () => {
    const { client } = setup(() => json(201, { unique_id: 'u-1' }));
    const error = await failure(client.createIncident(CREATE));
    expect(error.message).toMatch(/no readable ID was found at readable_id, incident_id/);
  });

  it('400 → bad-request with the field errors verbatim', async () => {
    const answer = '{"level":["This field is required."]}';
    const { client } = setup(() => text(400, answer, 'application/json'));
    const error = await failure(client.createIncident(CREATE));
    expect(error).toMatchObject({ kind: 'bad-request', detail: answer });
  });

  it('is never retried here: not on 503, not on 429, not on a timeout', async () => {
    for (const response of [() => text(503, 'busy'), () => json(429, {}, { 'retry-after': '1' })]) {
      const { client, calls } = setup(response);
      await failure(client.createIncident(CREATE));
      expect(calls).toHaveLength(1);
    }
    const hanging = setup(
      (call) =>
        new Promise<Response>((_resolve, reject) => {
          call.init.signal?.addEventListener('abort', () => reject(call.init.signal?.reason));
        }),
    );
    const error = await failure(hanging.client.createIncident(CREATE, { timeoutMs: 20 }));
    expect(error.kind).toBe('timeout');
    expect(hanging.calls).toHaveLength(1);
  });
});

const incident = (n: number) => ({
  unique_id: `u-${n}`,
  readable_id: `INC${n}`,
  title: `Incident ${n}`,
  status: 'Open',
  created: 1_718_450_000 + n,
  description: null,
});

describe('respond: listIncidents and getIncident', () => {
  it('filters by creation time in epoch seconds and re-signs every page', async () => {
    const all = [1, 2, 3].map(incident);
    const { client, calls, signer } = setup((call) => {
      const page = Number(call.url.searchParams.get('page'));
      return json(200, {
        next: 'v1/incident/?page=2&AccessID=cftr-ak&Expires=1&Signature=old',
        total: 3,
        results: all.slice((page - 1) * 2, page * 2),
      });
    });
    const result = await client.listIncidents({
      createdGte: 1_718_449_000.7,
      createdLte: 1_718_460_000,
      pageSize: 2,
    });
    expect(result.results.map((r) => r.unique_id)).toEqual(['u-1', 'u-2', 'u-3']);
    expect(calls).toHaveLength(2);
    for (const [index, call] of calls.entries()) {
      expect(call.url.pathname).toBe('/cftrapi/openapi/v1/incident/');
      expect(call.url.searchParams.get('created_date__gte')).toBe('1718449000');
      expect(call.url.searchParams.get('created_date__lte')).toBe('1718460000');
      expect(call.url.searchParams.get('page')).toBe(String(index + 1));
      expect(call.url.searchParams.getAll('Signature')).toHaveLength(1);
    }
    expect(new Set(signer.signed).size).toBe(2);
  });

  it('omits absent filters', async () => {
    const { client, calls } = setup(() => json(200, { total: 0, results: [] }));
    await client.listIncidents();
    expect(at(calls, 0).url.searchParams.has('created_date__gte')).toBe(false);
  });

  it('an incident without unique_id fails validation', async () => {
    const { client } = setup(() => json(200, { total: 1, results: [{ readable_id: 'INC1' }] }));
    expect((await failure(client.listIncidents())).kind).toBe('invalid-response');
  });

  it('getIncident', async () => {
    const { client, calls } = setup(() => json(200, incident(7)));
    await expect(client.getIncident('u-7')).resolves.toMatchObject({ readable_id: 'INC7' });
    expect(at(calls, 0).url.pathname).toBe('/cftrapi/openapi/v1/incident/u-7/');
  });
});

describe('readIdByPaths', () => {
  it.each<[unknown, string[], string | undefined]>([
    [{ unique_id: 'a', id: 'b' }, ['unique_id', 'id'], 'a'],
    [{ unique_id: '', id: 'b' }, ['unique_id', 'id'], 'b'],
    [{ unique_id: null, id: 7 }, ['unique_id', 'id'], '7'],
    [{ data: { incident_uuid: 'x' } }, ['data.incident_uuid'], 'x'],
    [{ results: [{ id: 'r' }] }, ['results.0.id'], 'r'],
    [{ data: 'flat' }, ['data.incident_uuid'], undefined],
    [{ id: { nested: true } }, ['id'], undefined],
    [null, ['id'], undefined],
    [{}, ['__proto__'], undefined],
  ])('%j at %j → %s', (root, paths, expected) => {
    expect(readIdByPaths(root, paths)).toBe(expected);
  });
});
