import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../utils/cyware/errors';
import { createOutboxRunner, type OutboxRunnerDeps } from '../../../utils/outbox/runner';
import { createDbOpener } from '../../../utils/store/db';
import { createOutboxStore } from '../../../utils/store/outbox';
import { makePrepared, makeRequest } from '../store/fixtures';
import { createFakeRespond, errors } from './fake-respond';

const findReference = (text: string) => /Bridge-Ref: (\S+)/.exec(text)?.[1] ?? null;
const SETTLE_MS = 5_000;

function setup(overrides: Partial<OutboxRunnerDeps> = {}) {
  const open = createDbOpener();
  const clock = { t: 1_700_000_000_000 };
  const now = () => clock.t;
  const store = createOutboxStore(open, { now });
  const server = createFakeRespond();
  const onCreated = vi.fn();
  const onFailed = vi.fn();
  const onChange = vi.fn();
  const schedule = vi.fn();
  const deps: OutboxRunnerDeps = {
    store,
    respond: server.port,
    findReference,
    linkFor: (item, ids) => `${item.prepared.uiUrl}incidents/${ids.apiId}/`,
    checkReady: async () => null,
    onCreated,
    onFailed,
    onChange,
    schedule,
    now,
    backoff: { random: () => 0.5 },
    settleMs: SETTLE_MS,
    ...overrides,
  };
  const runner = createOutboxRunner(deps);
  const enqueue = async () => {
    const request = makeRequest();
    await store.enqueue(request, makePrepared(request.requestId));
    return request.requestId;
  };
  /** Run, then jump the clock to the next due item, until nothing waits (or `max` passes). */
  const drain = async (max = 20) => {
    for (let i = 0; i < max; i++) {
      await runner.run();
      const next = await store.nextDueAt();
      if (next === null) return;
      clock.t = Math.max(clock.t, next);
    }
  };
  return {
    open,
    clock,
    store,
    server,
    runner,
    enqueue,
    drain,
    onCreated,
    onFailed,
    onChange,
    schedule,
    deps,
  };
}

describe('outbox runner', () => {
  it('held (passphrase lock closed): claims nothing, sends nothing, sets no timer; sends once released', async () => {
    let held = true;
    const t = setup({ isHeld: async () => held });
    const id = await t.enqueue();
    await t.runner.run();
    await t.runner.run();
    expect(t.server.bodies).toHaveLength(0);
    expect(t.schedule).not.toHaveBeenCalled();
    expect(await t.store.get(id)).toMatchObject({ attempts: 0, needsReconcile: false });
    expect((await t.store.get(id))?.inFlight).toBeUndefined();
    held = false;
    await t.drain();
    expect(t.server.incidents).toHaveLength(1);
    expect(t.onCreated).toHaveBeenCalledTimes(1);
  });

  it('marks the item in flight in IndexedDB before the request leaves', async () => {
    const t = setup();
    const id = await t.enqueue();
    t.server.script.push({
      check: async () => {
        const item = await t.store.get(id);
        expect(item?.inFlight?.startedAt).toBe(t.clock.t);
        expect(item?.attempts).toBe(1);
        const row = await (await t.open()).get('incidents', id);
        expect(row?.state).toBe('sending');
      },
    });
    await t.runner.run();
    const row = await (await t.open()).get('incidents', id);
    expect(row).toMatchObject({
      state: 'created',
      apiId: 'uuid-1',
      readableId: 'INC101',
      link: 'https://tenant.example/cftr/incidents/uuid-1/',
    });
    expect(await t.store.get(id)).toBeUndefined();
    expect(t.onCreated).toHaveBeenCalledWith(expect.objectContaining({ id, state: 'created' }));
    expect(t.schedule).toHaveBeenLastCalledWith(null);
  });

  it('429 three times then OK: one incident, Retry-After honoured, same bytes every time', async () => {
    const t = setup();
    const id = await t.enqueue();
    t.server.script.push(
      { reject: errors.rateLimited(120) },
      { reject: errors.rateLimited() },
      { reject: errors.rateLimited() },
    );
    const start = t.clock.t;
    await t.runner.run();
    const waiting = await t.store.get(id);
    expect(waiting?.nextAttemptAt).toBe(start + 120_000);
    expect(waiting?.needsReconcile).toBe(false);
    expect((await (await t.open()).get('incidents', id))?.state).toBe('queued');
    expect(t.schedule).toHaveBeenLastCalledWith(start + 120_000);

    await t.drain();
    expect(t.server.incidents).toHaveLength(1);
    expect(t.server.bodies).toHaveLength(4);
    expect(new Set(t.server.bodies).size).toBe(1);
    // A 429 changes nothing on the server: no search before a send, only the one duplicate
    // check after the create that answered.
    expect(t.server.listCalls).toBe(1);
    expect(await (await t.open()).get('incidents', id)).toMatchObject({
      state: 'created',
      attempts: 4,
    });
  });

  it('backs off exponentially with jitter between attempts', async () => {
    const t = setup({ backoff: { random: () => 0, baseMs: 1000 } });
    const id = await t.enqueue();
    t.server.script.push(...Array.from({ length: 4 }, () => ({ reject: errors.proxy() })));
    const gaps: number[] = [];
    for (let i = 0; i < 4; i++) {
      const before = t.clock.t;
      await t.runner.run();
      const next = (await t.store.get(id))!.nextAttemptAt;
      gaps.push(next - before);
      t.clock.t = next;
    }
    expect(gaps).toEqual([500, 1000, 2000, 4000]);
  });

  it('500: checks Respond for the incident first, then sends again and creates one', async () => {
    const t = setup();
    const id = await t.enqueue();
    t.server.script.push({ reject: errors.server() });
    await t.runner.run();
    expect(await t.store.get(id)).toMatchObject({ needsReconcile: true });
    expect((await (await t.open()).get('incidents', id))?.error?.kind).toBe('server');
    await t.drain();
    expect(t.server.listCalls).toBe(2); // the search, then the check after the create
    expect(t.server.incidents).toHaveLength(1);
    expect((await (await t.open()).get('incidents', id))?.state).toBe('created');
  });

  it('HTML 403 from an access proxy: kept queued with the proxy message, never failed', async () => {
    const t = setup();
    const id = await t.enqueue();
    t.server.script.push(...Array.from({ length: 5 }, () => ({ reject: errors.proxy() })));
    await t.drain(5);
    const row = await (await t.open()).get('incidents', id);
    expect(row?.state).toBe('queued');
    expect(row?.error?.kind).toBe('blocked-by-access-proxy');
    expect(row?.error?.message).toMatch(/access proxy/i);
    expect(await t.store.get(id)).toMatchObject({ parked: false, attempts: 5 });
    expect(t.onFailed).not.toHaveBeenCalled();
    expect(t.server.incidents).toHaveLength(0);
  });

  it('400: failed with the server field errors, parked, not retried automatically', async () => {
    const t = setup();
    const id = await t.enqueue();
    t.server.script.push({ reject: errors.badRequest() });
    await t.drain();
    const row = await (await t.open()).get('incidents', id);
    expect(row?.state).toBe('failed');
    expect(row?.error).toMatchObject({ kind: 'bad-request', status: 400, retryable: false });
    expect(row?.error?.detail).toContain('Ensure this field has no more than 255 characters.');
    expect(await t.store.get(id)).toMatchObject({ parked: true });
    expect(t.onFailed).toHaveBeenCalledTimes(1);
    await t.runner.run();
    expect(t.server.bodies).toHaveLength(1);
    expect(await t.store.counts()).toEqual({ queued: 0, failed: 1 });
  });

  it('401 and a missing configuration fail permanently', async () => {
    const t = setup();
    const a = await t.enqueue();
    t.server.script.push({ reject: errors.auth() });
    await t.drain();
    expect((await (await t.open()).get('incidents', a))?.error?.kind).toBe('auth');

    const notReady = setup({
      checkReady: async () => new ApiError('not-configured', 'Respond is not configured.'),
    });
    const b = await notReady.enqueue();
    await notReady.drain();
    const row = await (await notReady.open()).get('incidents', b);
    expect(row).toMatchObject({ state: 'failed', error: { kind: 'not-configured' } });
    expect(notReady.server.bodies).toHaveLength(0);
  });

  it.each([
    ['timeout', errors.timeout],
    ['dropped connection', errors.network],
  ])(
    'unknown outcome (%s) after Respond created it: adopts it, never sends again',
    async (_n, err) => {
      const t = setup();
      const id = await t.enqueue();
      t.server.script.push({ createThenFail: err() });
      await t.runner.run();
      expect(await t.store.get(id)).toMatchObject({ needsReconcile: true });
      await t.drain();
      expect(t.server.bodies).toHaveLength(1);
      expect(t.server.incidents).toHaveLength(1);
      expect(await (await t.open()).get('incidents', id)).toMatchObject({
        state: 'created',
        apiId: 'uuid-1',
        readableId: 'INC101',
      });
    },
  );

  it('after a timeout, searches only once the abandoned request had time to finish', async () => {
    const t = setup();
    const id = await t.enqueue();
    const started = t.clock.t;
    t.server.script.push({ reject: errors.timeout() });
    await t.runner.run();
    expect((await t.store.get(id))?.nextAttemptAt).toBe(started + SETTLE_MS);
    t.clock.t = started + SETTLE_MS - 1;
    await t.runner.run();
    expect(t.server.listCalls).toBe(0);
    t.clock.t = started + SETTLE_MS;
    await t.runner.run();
    expect(t.server.listCalls).toBe(2); // the search, then the check after the create
  });

  it('does not adopt another request’s incident', async () => {
    const t = setup();
    const first = await t.enqueue();
    await t.runner.run(); // creates uuid-1 for `first`
    const second = await t.enqueue();
    t.server.script.push({ reject: errors.timeout() }); // nothing created
    await t.drain();
    expect(t.server.incidents.map((i) => findReference(i.description ?? ''))).toEqual([
      first,
      second,
    ]);
    expect((await (await t.open()).get('incidents', second))?.apiId).toBe('uuid-2');
  });

  it('a failing search keeps the item queued and still searches before the next send', async () => {
    const t = setup();
    const id = await t.enqueue();
    t.server.script.push({ createThenFail: errors.timeout() });
    t.server.listScript.push(errors.server(), errors.rateLimited());
    await t.drain();
    expect(t.server.listCalls).toBe(3);
    expect(t.server.bodies).toHaveLength(1);
    expect((await (await t.open()).get('incidents', id))?.state).toBe('created');
  });

  it('worker killed mid-request: at startup waits for the request to settle, then adopts', async () => {
    const t = setup();
    const id = await t.enqueue();
    // The dead worker's attempt: claimed (in flight in the DB) and received by Respond.
    const claimed = await t.store.claim(id);
    await t.server.port.createIncident(claimed!.prepared, {});
    t.clock.t += 1_000;

    const restarted = createOutboxRunner({ ...t.deps });
    await restarted.run();
    const waiting = await t.store.get(id);
    expect(waiting?.inFlight).toBeUndefined();
    expect(waiting).toMatchObject({
      needsReconcile: true,
      nextAttemptAt: claimed!.inFlight!.startedAt + SETTLE_MS,
    });
    expect(t.server.listCalls).toBe(0);

    t.clock.t = waiting!.nextAttemptAt;
    await restarted.run();
    expect(t.server.listCalls).toBe(1);
    expect(t.server.bodies).toHaveLength(1);
    expect(await (await t.open()).get('incidents', id)).toMatchObject({
      state: 'created',
      apiId: 'uuid-1',
    });
  });

  it('worker killed before the request left: after the search finds nothing, sends once', async () => {
    const t = setup();
    const id = await t.enqueue();
    await t.store.claim(id);
    const restarted = createOutboxRunner({ ...t.deps });
    t.clock.t += SETTLE_MS;
    await restarted.run();
    expect(t.server.listCalls).toBe(2); // the search, then the check after the create
    expect(t.server.incidents).toHaveLength(1);
    expect((await (await t.open()).get('incidents', id))?.state).toBe('created');
  });

  it('manual retry of a failed item sends it again', async () => {
    const t = setup();
    const id = await t.enqueue();
    t.server.script.push({ reject: errors.auth() });
    await t.drain();
    expect((await (await t.open()).get('incidents', id))?.state).toBe('failed');
    const row = await t.store.requeue(id);
    expect(row).toMatchObject({ state: 'queued' });
    expect(row?.error).toBeUndefined();
    await t.runner.run();
    expect((await (await t.open()).get('incidents', id))?.state).toBe('created');
    expect(t.server.incidents).toHaveLength(1);
  });

  it('a failed item that might exist on Respond is still searched for on manual retry', async () => {
    const t = setup();
    const id = await t.enqueue();
    t.server.script.push({ createThenFail: errors.timeout() });
    await t.runner.run();
    t.clock.t = (await t.store.nextDueAt())!;
    t.server.listScript.push(errors.auth());
    await t.runner.run();
    expect((await (await t.open()).get('incidents', id))?.state).toBe('failed');
    await t.store.requeue(id);
    await t.runner.run();
    expect(t.server.bodies).toHaveLength(1);
    expect((await (await t.open()).get('incidents', id))?.state).toBe('created');
  });

  it('concurrent wake-ups share one pass: each item is sent once', async () => {
    const t = setup();
    for (let i = 0; i < 5; i++) await t.enqueue();
    await Promise.all([t.runner.run(), t.runner.run(), t.runner.run()]);
    expect(t.server.bodies).toHaveLength(5);
    expect(t.server.incidents).toHaveLength(5);
  });

  it('even two separate runners on one database never send an item twice', async () => {
    const t = setup();
    for (let i = 0; i < 5; i++) await t.enqueue();
    const other = createOutboxRunner({ ...t.deps });
    await Promise.all([t.runner.run(), other.run()]);
    t.clock.t += SETTLE_MS;
    await Promise.all([t.runner.run(), other.run()]);
    expect(t.server.bodies.length).toBe(5);
    expect(await t.store.counts()).toEqual({ queued: 0, failed: 0 });
  });

  it('a run started during a pass picks up items enqueued meanwhile', async () => {
    const t = setup();
    await t.enqueue();
    let late: string | undefined;
    t.server.script.push({
      check: async () => {
        late = await t.enqueue();
        void t.runner.run();
      },
    });
    await t.runner.run();
    expect(late).toBeDefined();
    expect(await t.store.get(late!)).toBeUndefined();
    expect(t.server.incidents).toHaveLength(2);
  });

  it('a storage failure on one item neither stops the others nor loses the wake-up', async () => {
    const onError = vi.fn();
    const t = setup({ onError });
    const broken = await t.enqueue();
    const fine = await t.enqueue();
    const claim = t.store.claim.bind(t.store);
    const runner = createOutboxRunner({
      ...t.deps,
      store: {
        ...t.store,
        claim: (id) => (id === broken ? Promise.reject(new Error('disk full')) : claim(id)),
      },
    });
    await runner.run();
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ message: 'disk full' }));
    expect((await (await t.open()).get('incidents', fine))?.state).toBe('created');
    expect(t.schedule).toHaveBeenLastCalledWith(t.clock.t);
  });

  it('sends nothing while paused and resumes when unpaused', async () => {
    const t = setup();
    await t.enqueue();
    t.runner.setPaused(true);
    await t.runner.run();
    expect(t.server.bodies).toHaveLength(0);
    t.runner.setPaused(false);
    await t.runner.run();
    expect(t.server.bodies).toHaveLength(1);
  });
});
