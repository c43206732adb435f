import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
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
 * The edges of issue 17 against the in-process sandbox, with the real Respond client: a
 * server that answers after the timeout, a busy tenant, a listing that cannot prove absence,
 * and a POST the network delivered twice.
 */
let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox.stop());
afterEach(() => sandbox.reset());

type App = ReturnType<typeof makeApp>;

async function createOne(t: App) {
  const request = makeRequest();
  await t.ok('incident.create', { incident: request });
  return request.requestId;
}

async function item(t: App, id: string): Promise<HistoryItem | null> {
  return ((await t.ok('incident.get', { id })) as { item: HistoryItem | null }).item;
}

interface Seen {
  unique_id: string;
  readable_id: string;
  description: string;
  created: number;
}
/** A generous rate limit, so the busy-tenant searches run at sandbox speed. */
const FAST = { rateLimits: { ctixPerMinute: 10_000, cftrPerMinute: 10_000 } };

const withRef = async (id: string) =>
  ((await sandboxIncidents(sandbox)) as unknown as Seen[]).filter(
    (i) => findReference(i.description) === id,
  );

async function seedBusyTenant(count: number, created: number) {
  const res = await fetch(`${sandbox.url}/__sandbox/incidents`, {
    method: 'POST',
    body: JSON.stringify({ count, created }),
  });
  expect(res.status).toBe(201);
}

/** Every request to the create path has been answered (or dropped) by the server. */
const allFinished = () =>
  expect
    .poll(async () => (await sandboxRequests(sandbox, CREATE_PATH)).every((r) => r.status !== null))
    .toBe(true);

describe('exactly once at the edges', () => {
  it('an answer later than the timeout: the default settle wait outlasts it, one incident', async () => {
    // Scaled from 30 s / 40 s: the server answers 1.2 × the timeout after the request.
    const t = makeApp(sandbox, { outbox: { timeoutMs: 500, settleMs: undefined } });
    expect(t.app.timing.settleMs).toBeGreaterThan(t.app.timing.timeoutMs);
    await t.configure();
    await t.ok('connection.test', { product: 'cftr' }); // warm: key imported, connection up
    await addFault(sandbox, {
      method: 'POST',
      path: CREATE_PATH,
      action: 'delay',
      delayMs: 600,
      times: 1,
    });
    const id = await createOne(t);
    await t.app.runner.run();
    // Timed out: queued, flagged, and the row says it is not sure.
    expect(await item(t, id)).toMatchObject({ state: 'queued', outcomeUnknown: true });
    await t.drain();
    await allFinished();
    expect(await withRef(id)).toHaveLength(1);
    expect(await sandboxRequests(sandbox, CREATE_PATH)).toHaveLength(1);
    expect(await item(t, id)).toMatchObject({
      state: 'created',
      apiId: (await withRef(id))[0]?.unique_id,
    });
  });

  it('reproduces the old default (settle = timeout): the same slow answer duplicates', async () => {
    const t = makeApp(sandbox, { outbox: { timeoutMs: 500, settleMs: 500 } });
    await t.configure();
    await addFault(sandbox, {
      method: 'POST',
      path: CREATE_PATH,
      action: 'delay',
      delayMs: 600,
      times: 1,
    });
    const id = await createOne(t);
    await t.drain();
    await allFinished();
    expect(await withRef(id)).toHaveLength(2);
  });

  it('2,100 newer incidents: the search widens in time and adopts it, never resends', async () => {
    const t = makeApp(sandbox, { outbox: { timeoutMs: 300, settleMs: 2_000 } });
    await t.configure(FAST);
    await addFault(sandbox, {
      method: 'POST',
      path: CREATE_PATH,
      action: 'delay',
      delayMs: 600,
      times: 1,
    });
    const id = await createOne(t);
    await t.app.runner.run(); // times out; the server creates it 300 ms later
    await expect.poll(async () => (await withRef(id)).length).toBe(1);
    const [mine] = await withRef(id);
    await seedBusyTenant(2_100, mine!.created + 1);

    // The failing case: the old search (newest first, 20 pages of 100) cannot see it.
    const old = await t.app.services.clients.respond.listIncidents({
      createdGte: mine!.created - 600,
      pageSize: 100,
      maxPages: 20,
    });
    expect(old.truncated).toBe(true);
    expect(old.results.some((i) => i.unique_id === mine!.unique_id)).toBe(false);

    await t.drain();
    expect(await item(t, id)).toMatchObject({ state: 'created', apiId: mine!.unique_id });
    expect(await withRef(id)).toHaveLength(1);
    expect(await sandboxRequests(sandbox, CREATE_PATH)).toHaveLength(1);
  });

  it('a listing that cannot prove absence keeps it unsent and says so', async () => {
    const t = makeApp(sandbox, { outbox: { timeoutMs: 300, settleMs: 2_000 } });
    await t.configure(FAST);
    await addFault(sandbox, {
      method: 'POST',
      path: CREATE_PATH,
      action: 'delay',
      delayMs: 600,
      times: 1,
    });
    const id = await createOne(t);
    await t.app.runner.run();
    await expect.poll(async () => (await withRef(id)).length).toBe(1);
    const [mine] = await withRef(id);
    // 2,100 more in the very second it was created, and it is the oldest there: no split in
    // time can list that second completely.
    await seedBusyTenant(2_100, mine!.created);
    await sleep(2_000);
    for (let i = 0; i < 3; i++) {
      await t.app.runner.run();
      await sleep(100);
    }
    await settle(t.app);
    const row = await item(t, id);
    expect(row).toMatchObject({ state: 'queued', outcomeUnknown: true });
    expect(row?.error?.message).toMatch(/^Not sure it was created in Respond; checking/);
    expect(row?.error?.message).toContain('more than 2000 incidents created in one second');
    expect(await sandboxRequests(sandbox, CREATE_PATH)).toHaveLength(1);
    t.app.dispose();
  });

  it('a failed listing never leads to a send; a confirmed resend sends and flags both IDs', async () => {
    const notifications = { create: vi.fn(async (nid: string) => nid) };
    const t = makeApp(sandbox, {
      browser: { ...fakeBrowser, notifications },
      outbox: { timeoutMs: 150, settleMs: 300 },
    });
    await t.configure();
    await addFault(sandbox, { method: 'POST', path: CREATE_PATH, action: 'drop', times: 1 });
    await addFault(sandbox, { method: 'GET', path: CREATE_PATH, action: 'status', status: 503 });
    const id = await createOne(t);
    await t.app.runner.run();
    // The search fails (after the HTTP layer's own retries): still queued, still unknown.
    await expect
      .poll(async () => (await item(t, id))?.error?.message, { timeout: 10_000 })
      .toMatch(
        /^Not sure it was created in Respond; checking before sending again\. The search failed/,
      );
    await t.app.runner.run();
    await t.app.runner.run();
    expect(await item(t, id)).toMatchObject({ state: 'queued', outcomeUnknown: true });
    expect(await sandboxRequests(sandbox, CREATE_PATH)).toHaveLength(1);
    expect(await withRef(id)).toHaveLength(1);

    // Without the confirmation the message is refused by its schema.
    expect((await t.call('outbox.resend', { id } as never))?.ok).toBe(false);
    // Between searches (a search in flight that then succeeds would adopt the incident
    // instead, which is right but not what this test is about).
    await settle(t.app);
    await fetch(`${sandbox.url}/__sandbox/faults`, { method: 'DELETE' });
    await t.ok('outbox.resend', { id, confirmDuplicateRisk: true });
    t.app.runner.setPaused(false);
    await t.drain();
    const both = await withRef(id);
    expect(both).toHaveLength(2);
    const done = await item(t, id);
    expect(done?.state).toBe('created');
    const ids = [done?.apiId, ...(done?.duplicates ?? []).map((d) => d.apiId)].toSorted();
    expect(ids).toEqual(both.map((i) => i.unique_id).toSorted());
    const last = notifications.create.mock.calls.at(-1) as unknown as [string, { message: string }];
    expect(last[1].message).toContain(both[0]!.readable_id);
    expect(last[1].message).toContain(both[1]!.readable_id);
  });

  it('a POST the network sent twice (reused connection) is flagged with both IDs', async () => {
    // What Chromium does when a reused keep-alive connection closes before any answer byte:
    // it sends the same POST again on a new connection, and the first copy was processed.
    let resent = false;
    const notifications = { create: vi.fn(async (nid: string) => nid) };
    const t = makeApp(sandbox, {
      browser: { ...fakeBrowser, notifications },
      fetch: async (input, init) => {
        if (!resent && init?.method === 'POST') {
          resent = true;
          await (await fetch(input, init)).text();
        }
        return fetch(input, init);
      },
    });
    await t.configure();
    const id = await createOne(t);
    await t.drain();
    const both = await withRef(id);
    expect(both).toHaveLength(2);
    const row = await item(t, id);
    expect(row?.state).toBe('created');
    expect(row?.apiId).toBe(both[1]!.unique_id);
    expect(row?.duplicates).toEqual([
      expect.objectContaining({ apiId: both[0]!.unique_id, readableId: both[0]!.readable_id }),
    ]);
    const last = notifications.create.mock.calls.at(-1) as unknown as [string, { message: string }];
    expect(last[1].message).toContain(`${both[1]!.readable_id} and ${both[0]!.readable_id}`);
  });

  it('a create the network sent once is not flagged (the check costs one listing)', async () => {
    const t = makeApp(sandbox);
    await t.configure();
    const id = await createOne(t);
    await t.drain();
    expect(await item(t, id)).toMatchObject({ state: 'created' });
    expect((await item(t, id))?.duplicates).toBeUndefined();
    expect(await sandboxRequests(sandbox, CREATE_PATH, 'GET')).toHaveLength(1);
  });
});
