import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Sandbox } from '../../../sandbox/index';
import { makeRequest } from '../store/fixtures';
import {
  CONTENT,
  CREATE_PATH,
  makeApp,
  sandboxIncidents,
  sandboxRequests,
  startTestSandbox,
} from './harness';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox.stop());

const PASS = 'orange-kettle-42';

/** A browser restart: storage.session is gone, the profile (IndexedDB) stays. */
async function restartBrowser() {
  await fakeBrowser.storage.session.clear();
}

describe('lock messages and the outbox while locked', () => {
  it('after a restart with the lock on, creates wait (nothing signed), then go out exactly once after unlock', async () => {
    const db = `profile-${crypto.randomUUID()}`;
    const first = makeApp(sandbox, {}, db);
    await first.configure();
    expect(await first.ok('lock.status', {})).toMatchObject({ status: 'off', required: false });
    expect(await first.ok('lock.enable', { passphrase: PASS })).toMatchObject({
      status: 'unlocked',
    });
    first.app.dispose();

    await restartBrowser();
    const t = makeApp(sandbox, {}, db);
    await t.app.start();
    expect(await t.ok('lock.status', {})).toMatchObject({ status: 'locked' });
    const request = makeRequest({ title: `Locked create ${crypto.randomUUID()}` });
    const before = (await sandboxRequests(sandbox, CREATE_PATH)).length;
    expect(await t.ok('incident.create', { incident: request })).toMatchObject({
      state: 'queued',
    });
    await t.app.runner.run();
    await t.app.runner.run();
    expect(await t.app.services.history.get(request.requestId)).toMatchObject({
      state: 'queued',
      attempts: 0,
    });
    expect((await sandboxRequests(sandbox, CREATE_PATH)).length).toBe(before);
    await expect.poll(() => fakeBrowser.action.getBadgeText({})).toBe('LOCK');
    // The tooltip's first problem line: the product name comes first.
    expect((await fakeBrowser.action.getTitle({})).split('\n')[1]).toBe(
      'Locked — unlock to send (1 waiting)',
    );

    // Test connection while locked: says so, and signs nothing.
    const test = (await t.ok('connection.test', { product: 'cftr' })) as {
      ok: boolean;
      error?: { kind: string; message: string };
    };
    expect(test).toMatchObject({
      ok: false,
      error: { kind: 'locked', message: 'Locked — unlock to send' },
    });

    const wrong = (await t.ok('lock.unlock', { passphrase: 'not the one' })) as {
      ok: boolean;
      reason?: string;
    };
    expect(wrong).toMatchObject({ ok: false, reason: 'wrong-passphrase' });
    expect(await t.app.services.history.get(request.requestId)).toMatchObject({ state: 'queued' });

    expect(await t.ok('lock.unlock', { passphrase: PASS })).toMatchObject({
      ok: true,
      state: { status: 'unlocked' },
    });
    await expect
      .poll(async () => (await t.app.services.history.get(request.requestId))?.state)
      .toBe('created');
    await t.drain();
    const made = (await sandboxIncidents(sandbox)).filter((i) => i.title === request.title);
    expect(made).toHaveLength(1);
    await expect.poll(() => fakeBrowser.action.getBadgeText({})).not.toBe('LOCK');
    t.app.dispose();
  });

  it('"Lock now" stops signing at once, even with the config cached', async () => {
    const t = makeApp(sandbox);
    await t.configure();
    await t.ok('lock.enable', { passphrase: PASS });
    expect(await t.ok('connection.test', { product: 'cftr' })).toMatchObject({ ok: true });
    expect(await t.ok('lock.lock', {})).toMatchObject({ status: 'locked' });
    expect(await t.ok('connection.test', { product: 'cftr' })).toMatchObject({
      ok: false,
      error: { kind: 'locked' },
    });
  });

  it('content scripts may not send any lock message', async () => {
    const t = makeApp(sandbox);
    for (const [type, payload] of [
      ['lock.status', {}],
      ['lock.unlock', { passphrase: PASS }],
      ['lock.enable', { passphrase: PASS }],
    ] as const) {
      const result = await t.call(type, payload, CONTENT);
      expect(result).toMatchObject({ ok: false, error: { code: 'not-allowed' } });
    }
    expect(await t.app.services.lock.state()).toMatchObject({ status: 'off' });
  });

  it('admin policy secretLock.requirePassphrase: setup required, nothing sent, cannot be turned off', async () => {
    const t = makeApp(sandbox);
    await t.configure();
    await fakeBrowser.storage.managed.set({ secretLock: { requirePassphrase: true } });
    t.app.policyChanged(); // what storage.onChanged('managed') calls in the worker
    expect(await t.ok('lock.status', {})).toMatchObject({
      status: 'setup-required',
      required: true,
    });
    expect(await t.ok('connection.test', { product: 'cftr' })).toMatchObject({
      ok: false,
      error: { kind: 'locked', message: expect.stringMatching(/administrator requires/) },
    });
    await t.ok('lock.enable', { passphrase: PASS });
    expect(await t.ok('connection.test', { product: 'cftr' })).toMatchObject({ ok: true });
    const off = await t.call('lock.disable', { passphrase: PASS });
    expect(off).toMatchObject({ ok: false, error: { message: /administrator requires/ } });
    await fakeBrowser.storage.managed.clear();
    t.app.policyChanged();
  });

  it('a short new passphrase is refused with words', async () => {
    const t = makeApp(sandbox);
    const result = await t.call('lock.enable', { passphrase: 'abc' });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'handler-error', message: 'The passphrase needs at least 8 characters.' },
    });
  });
});
