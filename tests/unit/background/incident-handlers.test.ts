import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Sandbox } from '../../../sandbox/index';
import { findReference } from '../../../utils/cyware/template';
import type { HistoryItem } from '../../../utils/model/incident';
import type { Status } from '../../../utils/model/views';
import { OUTBOX_ALARM } from '../../../utils/background/app';
import { makeRequest } from '../store/fixtures';
import {
  addFault,
  CONTENT,
  CREATE_PATH,
  FRAME,
  makeApp,
  PAGE,
  sandboxIncidents,
  sandboxRequests,
  startTestSandbox,
} from './harness';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox.stop());
afterEach(() => sandbox.reset());

describe('incident.create', () => {
  it('queues, sends and reports the created incident with its link and a notification', async () => {
    const t = makeApp(sandbox);
    await t.configure();
    const request = makeRequest({ title: 'Phish kit on evil.example' });
    const queued: HistoryItem = await t.ok('incident.create', { incident: request }, PAGE);
    expect(queued).toMatchObject({ id: request.requestId, state: 'queued', iocCount: 2 });
    await t.drain();

    const { item } = (await t.ok('incident.get', { id: request.requestId })) as {
      item: HistoryItem;
    };
    const [incident] = await sandboxIncidents(sandbox);
    expect(item).toMatchObject({
      state: 'created',
      apiId: incident?.unique_id,
      readableId: incident?.readable_id,
      link: `${sandbox.url}/cftr/incidents/${incident?.unique_id}/`,
    });
    expect(findReference(incident?.description ?? '')).toBe(request.requestId);
    expect(incident?.title).toBe('Phish kit on evil.example');
    const [req] = await sandboxRequests(sandbox, CREATE_PATH);
    expect(req?.signature).toBe('ok');

    const shown = Object.values(fakeBrowser.notifications.getAllCreateOptions());
    expect(shown).toEqual([
      expect.objectContaining({
        title: `Incident ${incident?.readable_id} created`,
        iconUrl: expect.stringMatching(/icon\/128\.png$/),
      }),
    ]);
    expect(await fakeBrowser.alarms.get(OUTBOX_ALARM)).toBeUndefined();
  });

  it('is idempotent on requestId: the same request twice is one item and one incident', async () => {
    const t = makeApp(sandbox);
    await t.configure();
    const request = makeRequest();
    const [a, b] = await Promise.all([
      t.ok('incident.create', { incident: request }),
      t.ok('incident.create', { incident: request }),
    ]);
    expect((a as HistoryItem).id).toBe((b as HistoryItem).id);
    expect(await (await t.getDb()).count('outbox')).toBe(1);
    await t.drain();
    const again = (await t.ok('incident.create', { incident: request })) as HistoryItem;
    expect(again.state).toBe('created');
    await t.drain();
    expect(await sandboxIncidents(sandbox)).toHaveLength(1);
  });

  it('persists the request before sending it: a paused outbox still has it', async () => {
    const t = makeApp(sandbox);
    await t.configure();
    t.app.runner.setPaused(true);
    const request = makeRequest();
    await t.ok('incident.create', { incident: request });
    const stored = await t.app.services.outbox.get(request.requestId);
    expect(stored?.prepared.body).toContain(`Bridge-Ref: ${request.requestId}`);
    expect(await sandboxRequests(sandbox, CREATE_PATH)).toHaveLength(0);
    // While something waits, an alarm is set to wake a stopped worker.
    t.app.runner.setPaused(false);
    await addFault(sandbox, {
      method: 'POST',
      path: CREATE_PATH,
      action: 'status',
      status: 503,
      times: 1,
    });
    await t.app.runner.run();
    expect(await fakeBrowser.alarms.get(OUTBOX_ALARM)).toMatchObject({ periodInMinutes: 1 });
    t.app.dispose();
  });

  it('refuses a request when the saved template cannot render, storing nothing', async () => {
    const t = makeApp(sandbox);
    await t.configure();
    // Bypass the save checks, as an older build or a bad policy could.
    const local = await t.app.services.settings.getLocal();
    await (
      await t.getDb()
    ).put('settings', {
      id: 'local',
      settings: { ...local, template: { ...local.template, body: '{"title": "{{nope}}"}' } },
      updatedAt: 0,
    });
    const result = await t.call('incident.create', { incident: makeRequest() });
    expect(result).toMatchObject({ ok: false, error: { code: 'handler-error' } });
    expect(result?.ok === false && result.error.message).toMatch(/template/);
    expect(await (await t.getDb()).count('outbox')).toBe(0);
  });
});

describe('history handlers', () => {
  it('lists newest first with search, and finds duplicates and object incidents', async () => {
    const t = makeApp(sandbox);
    await t.configure();
    const first = makeRequest({
      title: 'Emotet loader',
      ctixObjects: [{ id: 'malware--e1', type: 'malware', name: 'Emotet' }],
    });
    const second = makeRequest({ iocs: [{ type: 'url', value: 'https://drop.example/a' }] });
    await t.ok('incident.create', { incident: first });
    await t.drain();
    await t.ok('incident.create', { incident: second });
    await t.drain();

    const all = (await t.ok('history.list', {})) as { items: HistoryItem[]; total: number };
    expect(all.items.map((i) => i.id)).toEqual([second.requestId, first.requestId]);
    expect(all.total).toBe(2);
    const readable = all.items[1]?.readableId ?? '';
    const byReadable = (await t.ok('history.list', { query: readable.toLowerCase() })) as {
      items: HistoryItem[];
    };
    expect(byReadable.items.map((i) => i.id)).toEqual([first.requestId]);
    const byIoc = (await t.ok('history.list', { query: 'drop.example' })) as {
      items: HistoryItem[];
    };
    expect(byIoc.items.map((i) => i.id)).toEqual([second.requestId]);

    const dup = (await t.ok(
      'history.duplicates',
      { iocValues: ['EVIL.example', 'new.example'], ctixObjectIds: ['malware--e1'] },
      FRAME,
    )) as {
      matches: { key: string; incidents: { id: string; readableId?: string; link?: string }[] }[];
    };
    expect(dup.matches.map((m) => m.key)).toEqual(['EVIL.example', 'malware--e1']);
    expect(dup.matches[1]?.incidents[0]).toMatchObject({
      id: first.requestId,
      readableId: readable,
    });
    expect(dup.matches[1]?.incidents[0]?.link).toMatch(
      /^http:\/\/127\.0\.0\.1:\d+\/cftr\/incidents\//,
    );

    const forObject = (await t.ok(
      'history.forObject',
      { ctixObjectId: 'malware--e1' },
      CONTENT,
    )) as {
      items: HistoryItem[];
    };
    expect(forObject.items.map((i) => i.id)).toEqual([first.requestId]);
  });

  it('retry: a failed item is sent again with the fixed settings; created ones cannot be', async () => {
    const t = makeApp(sandbox);
    await t.configure();
    await addFault(sandbox, {
      method: 'POST',
      path: CREATE_PATH,
      action: 'status',
      status: 400,
      times: 1,
    });
    const request = makeRequest();
    await t.ok('incident.create', { incident: request });
    await t.drain();
    let status: Status = await t.ok('status.get', {});
    expect(status).toMatchObject({ failed: 1, queued: 0 });
    expect(await fakeBrowser.action.getBadgeText({})).toBe('1');

    const retried = (await t.ok('history.retry', { id: request.requestId })) as HistoryItem;
    expect(retried.state).toBe('queued');
    expect(retried.error).toBeUndefined();
    await t.drain();
    status = await t.ok('status.get', {});
    expect(status).toMatchObject({ failed: 0, queued: 0 });
    expect(await sandboxIncidents(sandbox)).toHaveLength(1);

    const again = await t.call('history.retry', { id: request.requestId });
    expect(again).toMatchObject({
      ok: false,
      error: { code: 'handler-error', message: 'This incident was already created.' },
    });
    const missing = await t.call('history.retry', { id: 'nope' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'handler-error' } });
  });

  it('dismiss removes an item (and a failed one from the outbox)', async () => {
    const t = makeApp(sandbox);
    await t.configure();
    await addFault(sandbox, {
      method: 'POST',
      path: CREATE_PATH,
      action: 'status',
      status: 401,
      times: 1,
    });
    const request = makeRequest();
    await t.ok('incident.create', { incident: request });
    await t.drain();
    expect(await t.ok('history.dismiss', { id: request.requestId })).toEqual({ removed: true });
    expect(await t.ok('history.dismiss', { id: request.requestId })).toEqual({ removed: false });
    expect(await t.ok('incident.get', { id: request.requestId })).toEqual({ item: null });
    expect(await t.ok('status.get', {})).toMatchObject({ failed: 0, queued: 0 });
  });

  it('refuses to dismiss an item of unknown outcome unless the message confirms it', async () => {
    const t = makeApp(sandbox);
    await t.configure();
    t.app.runner.setPaused(true);
    const request = makeRequest();
    const id = request.requestId;
    await t.ok('incident.create', { incident: request });
    // The last attempt timed out: the incident may exist in Respond.
    const { outbox } = t.app.services;
    await outbox.claim(id);
    await outbox.reschedule(id, {
      at: Date.now() + 60_000,
      error: { kind: 'timeout', message: 'timed out', retryable: true },
      needsReconcile: true,
    });
    expect(await t.ok('incident.get', { id })).toMatchObject({ item: { outcomeUnknown: true } });

    expect(await t.call('history.dismiss', { id })).toMatchObject({
      ok: false,
      error: {
        code: 'handler-error',
        message: expect.stringContaining('may already exist in Respond') as unknown,
      },
    });
    expect(await t.call('history.dismiss', { id, confirmUnknownOutcome: false })).toMatchObject({
      ok: false,
    });
    expect(await t.ok('incident.get', { id })).toMatchObject({ item: { id } });
    expect(await outbox.get(id)).toBeDefined();

    // Parked after that (a search refused): still unknown, still refused.
    await outbox.park(id, { kind: 'auth', message: 'no', retryable: false });
    expect(await t.ok('incident.get', { id })).toMatchObject({
      item: { state: 'failed', outcomeUnknown: true },
    });
    expect(await t.call('history.dismiss', { id })).toMatchObject({ ok: false });

    expect(await t.ok('history.dismiss', { id, confirmUnknownOutcome: true })).toEqual({
      removed: true,
    });
    expect(await t.ok('incident.get', { id })).toEqual({ item: null });
    expect(await outbox.get(id)).toBeUndefined();
  });

  it('content scripts cannot reach settings, history listing, retry or dismiss', async () => {
    const t = makeApp(sandbox);
    for (const [type, payload] of [
      ['settings.get', {}],
      ['settings.export', {}],
      ['history.list', {}],
      ['history.retry', { id: 'x' }],
      ['history.dismiss', { id: 'x' }],
      ['connection.test', { product: 'cftr' }],
      ['incident.create', { incident: makeRequest() }],
      ['history.duplicates', { iocValues: ['x'] }],
    ] as const) {
      expect(await t.call(type, payload as never, CONTENT)).toMatchObject({
        ok: false,
        error: { code: 'not-allowed' },
      });
    }
  });
});
