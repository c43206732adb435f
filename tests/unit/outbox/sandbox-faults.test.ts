import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../sandbox/index';
import { findReference } from '../../../utils/cyware/template';
import type { HistoryItem } from '../../../utils/model/incident';
import { makeRequest } from '../store/fixtures';
import {
  addFault,
  CREATE_PATH,
  makeApp,
  sandboxIncidents,
  sandboxRequests,
  settle,
  sleep,
  startTestSandbox,
} from '../background/harness';

/**
 * The outbox with the real Respond client and signer against the in-process sandbox: the
 * same fault matrix as the e2e suite, with short backoffs.
 */
let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox.stop());
afterEach(() => sandbox.reset());

async function createOne(t: ReturnType<typeof makeApp>) {
  const request = makeRequest();
  await t.ok('incident.create', { incident: request });
  return request.requestId;
}

async function item(t: ReturnType<typeof makeApp>, id: string): Promise<HistoryItem | null> {
  return ((await t.ok('incident.get', { id })) as { item: HistoryItem | null }).item;
}

const withRef = async (id: string) =>
  (await sandboxIncidents(sandbox)).filter((i) => findReference(i.description) === id);

describe('outbox against the sandbox', () => {
  it('429 three times (with Retry-After) then OK: exactly one incident', async () => {
    const t = makeApp(sandbox);
    await t.configure();
    await addFault(sandbox, {
      method: 'POST',
      path: CREATE_PATH,
      action: 'status',
      status: 429,
      retryAfter: 0,
      times: 3,
    });
    const id = await createOne(t);
    await t.drain();
    expect(await item(t, id)).toMatchObject({ state: 'created', attempts: 4 });
    expect(await withRef(id)).toHaveLength(1);
    expect(await sandboxRequests(sandbox, CREATE_PATH)).toHaveLength(4);
  });

  it('500: retried after checking, created once', async () => {
    const t = makeApp(sandbox);
    await t.configure();
    await addFault(sandbox, {
      method: 'POST',
      path: CREATE_PATH,
      action: 'status',
      status: 500,
      times: 1,
    });
    const id = await createOne(t);
    await t.drain();
    expect(await item(t, id)).toMatchObject({ state: 'created', attempts: 2 });
    expect(await withRef(id)).toHaveLength(1);
  });

  it('HTML 403 from an access proxy: kept queued with the access-proxy message', async () => {
    const t = makeApp(sandbox);
    await t.configure();
    await addFault(sandbox, { method: 'POST', path: CREATE_PATH, action: 'html403' });
    const id = await createOne(t);
    await t.drain(3);
    await settle(t.app);
    const row = await item(t, id);
    expect(row?.state).toBe('queued');
    expect(row?.error?.kind).toBe('blocked-by-access-proxy');
    expect(row?.error?.message).toMatch(/Cloudflare Access|access proxy/i);
    expect(await sandboxIncidents(sandbox)).toHaveLength(0);
    t.app.dispose();
  });

  it('400: failed with the server field errors verbatim', async () => {
    const t = makeApp(sandbox);
    await t.configure();
    await addFault(sandbox, {
      method: 'POST',
      path: CREATE_PATH,
      action: 'status',
      status: 400,
      times: 1,
    });
    const id = await createOne(t);
    await t.drain();
    const row = await item(t, id);
    expect(row).toMatchObject({ state: 'failed', error: { kind: 'bad-request', status: 400 } });
    expect(`${row?.error?.message} ${row?.error?.detail}`).toContain(
      'Ensure this field has no more than 255 characters.',
    );
  });

  it('connection dropped after the incident was created: adopts it, exactly one', async () => {
    const t = makeApp(sandbox);
    await t.configure();
    await addFault(sandbox, { method: 'POST', path: CREATE_PATH, action: 'drop', times: 1 });
    const id = await createOne(t);
    await t.drain();
    const created = await withRef(id);
    expect(created).toHaveLength(1);
    expect(await item(t, id)).toMatchObject({ state: 'created', apiId: created[0]?.unique_id });
    expect(await sandboxRequests(sandbox, CREATE_PATH)).toHaveLength(1);
  });

  it('timeout while the server is slow: waits, finds it, never creates a second', async () => {
    const t = makeApp(sandbox, { outbox: { timeoutMs: 150, settleMs: 700 } });
    await t.configure();
    await addFault(sandbox, {
      method: 'POST',
      path: CREATE_PATH,
      action: 'delay',
      delayMs: 500,
      times: 1,
    });
    const id = await createOne(t);
    await t.drain();
    // Let the slow first request finish on the server before counting.
    await expect
      .poll(async () =>
        (await sandboxRequests(sandbox, CREATE_PATH)).every((r) => r.status !== null),
      )
      .toBe(true);
    expect(await sandboxRequests(sandbox, CREATE_PATH)).toHaveLength(1);
    expect(await withRef(id)).toHaveLength(1);
    expect((await item(t, id))?.state).toBe('created');
  });

  it('worker killed mid-request: the next worker reconciles and adopts the incident', async () => {
    // The first worker's fetch goes out but never comes back: the worker "dies" waiting.
    const dying = makeApp(sandbox, {
      fetch: (input, init) => {
        void fetch(input, init).catch(() => undefined);
        return new Promise<Response>(() => undefined);
      },
    });
    await dying.configure();
    const id = await createOne(dying);
    await expect.poll(async () => (await sandboxRequests(sandbox, CREATE_PATH)).length).toBe(1);
    expect((await dying.app.services.outbox.get(id))?.inFlight).toBeDefined();

    const next = makeApp(sandbox, { outbox: { settleMs: 200 } });
    await next.app.start();
    await sleep(250);
    await next.drain();
    expect(await item(next, id)).toMatchObject({ state: 'created' });
    expect(await withRef(id)).toHaveLength(1);
    expect(await sandboxRequests(sandbox, CREATE_PATH)).toHaveLength(1);
    expect(await next.app.services.outbox.counts()).toEqual({ queued: 0, failed: 0 });
  });

  it('worker killed before the request left: the next worker sends it once', async () => {
    const first = makeApp(sandbox);
    await first.configure();
    first.app.runner.setPaused(true);
    const id = await createOne(first);
    const next = makeApp(sandbox);
    await next.app.start();
    await next.drain();
    expect(await withRef(id)).toHaveLength(1);
    expect((await item(next, id))?.state).toBe('created');
  });

  it('expired credentials: failed without sending, with the expiry in the message', async () => {
    const t = makeApp(sandbox);
    await t.configure();
    const settings = await t.app.services.settings.getLocal();
    await t.ok('settings.save', {
      settings: { ...settings, cftr: { ...settings.cftr, expiresOn: '2020-01-01' } },
    });
    const id = await createOne(t);
    await t.drain();
    expect(await item(t, id)).toMatchObject({
      state: 'failed',
      error: { kind: 'credentials-expired' },
    });
    expect(await sandboxRequests(sandbox, CREATE_PATH)).toHaveLength(0);
  });
});
