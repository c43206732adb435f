import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../sandbox/index';
import { createCoreHandlers } from '../../../utils/background/handlers';
import { defaultSettings } from '../../../utils/settings/defaults';
import type { MessageType, RequestOf } from '../../../utils/messaging/contract';
import { makeRequest } from '../store/fixtures';
import {
  addFault,
  CONTENT,
  FRAME,
  CREATE_PATH,
  makeApp,
  PAGE,
  settingsFor,
  startTestSandbox,
} from './harness';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox.stop());

const FOREIGN = { id: 'another-extension', url: 'chrome-extension://another-extension/x.html' };

/** Secrets distinctive enough that any leak (also inside an error text) shows. */
const SECRETS = { ctix: 'CTIX-SECRET-7f3a9c', cftr: 'CFTR-SECRET-b41e02' };
/** Passphrases of the lock (issue 13) must never come back either. */
const PASSPHRASES = { first: 'PASS-first-5c1d77', second: 'PASS-second-e90a3b' };

describe('no response ever carries a secret', () => {
  it('walks every core handler, in success and failure, from pages and content scripts', async () => {
    const t = makeApp(sandbox);
    // Sandbox credentials with our marker secrets: calls fail with 401, exercising error paths.
    await t.ok('settings.save', { settings: settingsFor(sandbox), secrets: SECRETS });
    const leaks = (value: unknown) =>
      [...Object.values(SECRETS), ...Object.values(PASSPHRASES)].filter((s) =>
        JSON.stringify(value).includes(s),
      );

    const request = makeRequest();
    await addFault(sandbox, {
      method: 'POST',
      path: CREATE_PATH,
      action: 'status',
      status: 400,
      times: 1,
    });
    const payloads: { [T in MessageType]?: RequestOf<T>[] } = {
      'settings.get': [{}],
      'settings.save': [
        { settings: settingsFor(sandbox), secrets: SECRETS },
        {
          settings: {
            ...settingsFor(sandbox),
            ctix: { baseUrl: 'ftp://x', accessId: '', expiresOn: null },
          },
          secrets: SECRETS,
        },
      ],
      'settings.export': [{}],
      'settings.import': [
        { json: JSON.stringify({ settings: settingsFor(sandbox) }) },
        { json: '{bad' },
      ],
      'connection.test': [{ product: 'ctix' }, { product: 'cftr' }],
      'ctix.iocTypes': [{}],
      'template.preview': [{ template: defaultSettings().template }],
      'status.get': [{}],
      'incident.create': [{ incident: request }],
      'incident.get': [{ id: request.requestId }],
      'history.list': [{}],
      'history.retry': [{ id: request.requestId }, { id: 'missing' }],
      'history.dismiss': [{ id: 'missing' }],
      'outbox.resend': [
        { id: request.requestId, confirmDuplicateRisk: true },
        { id: 'missing', confirmDuplicateRisk: true },
      ],
      'history.duplicates': [{ iocValues: ['203.0.113.7'], ctixObjectIds: [] }],
      'history.forObject': [{ ctixObjectId: 'x' }],
      // In this order: on, locked, a wrong and the right passphrase, change, off.
      'lock.status': [{}],
      'lock.enable': [{ passphrase: PASSPHRASES.first }, { passphrase: 'short' }],
      'lock.lock': [{}],
      'lock.unlock': [{ passphrase: PASSPHRASES.second }, { passphrase: PASSPHRASES.first }],
      'lock.change': [
        { current: PASSPHRASES.second, next: PASSPHRASES.first },
        { current: PASSPHRASES.first, next: PASSPHRASES.second },
      ],
      'lock.disable': [{ passphrase: PASSPHRASES.first }, { passphrase: PASSPHRASES.second }],
      'lock.reset': [{ confirm: true }],
    };
    // Every core handler must be walked: a new one without a case here fails this test.
    const core = Object.keys(createCoreHandlers(t.app.services)).toSorted();
    expect(Object.keys(payloads).toSorted()).toEqual(core);

    const seen: unknown[] = [];
    for (const [type, list] of Object.entries(payloads) as [
      MessageType,
      RequestOf<MessageType>[],
    ][]) {
      // The secrets are really stored while everything before the reset is walked, so "not
      // found" is meaningful; the reset (last) deletes them.
      if (type === 'lock.reset') {
        expect(await t.app.services.secrets.get('cftr')).toBe(SECRETS.cftr);
      }
      for (const payload of list) {
        for (const sender of [PAGE, FRAME, CONTENT, FOREIGN]) {
          const result = await t.call(type, payload, sender);
          seen.push(result);
          expect(leaks(result), `${type} answered with a secret`).toEqual([]);
        }
      }
      if (type === 'incident.create') await t.drain();
    }
    // The walk really hit successes and failures (including Cyware errors).
    const text = JSON.stringify(seen);
    expect(text).toContain('"ok":true');
    expect(text).toContain('forbidden');
    expect(text).toContain('"kind":"auth"');
    expect(text).toContain('bad-request');
    expect(text).toContain('wrong-passphrase');
    expect(text).toContain('"status":"locked"');
    expect(await t.app.services.lock.state()).toMatchObject({ status: 'off' });
    expect(await t.app.services.secrets.get('cftr')).toBeNull();
    expect(leaks({ probe: SECRETS.cftr })).toEqual([SECRETS.cftr]);
  });
});
