import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Sandbox } from '../../../sandbox/index';
import { EXPIRY_ALARM, extensionOrigin, OUTBOX_ALARM } from '../../../utils/background/app';
import { badgeFor } from '../../../utils/background/badge';
import { prepareCreate } from '../../../utils/outbox/prepare';
import type { Status } from '../../../utils/model/views';
import { makeRequest } from '../store/fixtures';
import { addFault, CREATE_PATH, makeApp, settingsFor, startTestSandbox } from './harness';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox.stop());
afterEach(() => sandbox.reset());

const conn = (expiry: Status['ctix']['expiry']) => ({ configured: true, expiresOn: null, expiry });

describe('badge', () => {
  it.each([
    // An expired key blocks every create: it wins, and says so (not a bare '!').
    [
      { failed: 2, queued: 5, expiry: 'expired' },
      { text: 'EXP', color: '#c5221f' },
    ],
    [
      { failed: 2, queued: 5, expiry: 'soon' },
      { text: '2', color: '#c5221f' },
    ],
    [
      { failed: 0, queued: 5, expiry: 'soon' },
      { text: '!', color: '#e37400' },
    ],
    [
      { failed: 0, queued: 5, expiry: 'ok' },
      { text: '5', color: '#1a73e8' },
    ],
    [
      { failed: 0, queued: 0, expiry: 'expired' },
      { text: 'EXP', color: '#c5221f' },
    ],
    [
      { failed: 0, queued: 0, expiry: 'ok' },
      { text: '', color: '#1a73e8' },
    ],
  ] as const)('%j → %j', ({ failed, queued, expiry }, badge) => {
    expect(badgeFor({ ctix: conn('ok'), cftr: conn(expiry), failed, queued })).toMatchObject(badge);
  });

  it('its tooltip lists every problem, most urgent first, each with what to do', () => {
    const { title } = badgeFor({
      ctix: { configured: true, expiresOn: '2026-12-05', expiry: 'soon', daysLeft: 2 },
      cftr: { configured: true, expiresOn: '2026-11-30', expiry: 'expired', daysLeft: -3 },
      failed: 1,
      queued: 3,
    });
    expect(title.split('\n')).toEqual([
      'CFTR Incident Bridge',
      'The Respond API key expired on 2026-11-30: replace it in the options.',
      '1 incident failed: open the popup to see why and retry.',
      'The Intel Exchange API key expires in 2 days on 2026-12-05: get a new one before then.',
      '3 incidents waiting to be sent.',
    ]);
  });
});

describe('extensionOrigin', () => {
  it('keeps scheme and host of chrome-extension and moz-extension URLs', () => {
    expect(extensionOrigin('chrome-extension://abc/icon/128.png')).toBe('chrome-extension://abc');
    expect(extensionOrigin('moz-extension://1-2-3/icon/128.png')).toBe('moz-extension://1-2-3');
  });
});

describe('background app wiring', () => {
  it('start: applies rate limits, sets the expiry alarm and shows an expiring key', async () => {
    const t = makeApp(sandbox);
    const soon = new Date(Date.now() + 2 * 86_400_000);
    const iso = soon.toLocaleDateString('sv-SE'); // YYYY-MM-DD in local time
    await t.app.services.settings.saveLocal({
      ...settingsFor(sandbox),
      cftr: { ...settingsFor(sandbox).cftr, expiresOn: iso },
      rateLimits: { ctixPerMinute: 7, cftrPerMinute: 8 },
    });
    await t.app.start();
    expect(t.app.services.clients.rates()).toEqual({ ctixPerMinute: 7, cftrPerMinute: 8 });
    expect(await fakeBrowser.alarms.get(EXPIRY_ALARM)).toBeDefined();
    await expect.poll(() => fakeBrowser.action.getBadgeText({})).toBe('!');
  });

  it('start: sends what an earlier worker left in the outbox', async () => {
    const t = makeApp(sandbox);
    await t.configure();
    const request = makeRequest();
    const { settings } = await t.app.services.settings.getEffective();
    await t.app.services.outbox.enqueue(request, prepareCreate(request, settings));
    await t.app.start();
    await expect
      .poll(async () => (await t.app.services.history.get(request.requestId))?.state)
      .toBe('created');
  });

  it('the outbox alarm and the online event wake the runner', async () => {
    const t = makeApp(sandbox);
    await t.configure();
    const { settings } = await t.app.services.settings.getEffective();
    for (const wake of [() => t.app.onAlarm({ name: OUTBOX_ALARM }), () => t.app.onOnline()]) {
      const request = makeRequest();
      await t.app.services.outbox.enqueue(request, prepareCreate(request, settings));
      t.app.onAlarm({ name: 'someone-else' });
      expect((await t.app.services.history.get(request.requestId))?.state).toBe('queued');
      wake();
      await expect
        .poll(async () => (await t.app.services.history.get(request.requestId))?.state)
        .toBe('created');
    }
  });

  it('badge counts queued items, then failed ones in red', async () => {
    const t = makeApp(sandbox);
    await t.configure();
    t.app.runner.setPaused(true);
    await t.ok('incident.create', { incident: makeRequest() });
    await t.ok('incident.create', { incident: makeRequest() });
    await expect.poll(() => fakeBrowser.action.getBadgeText({})).toBe('2');
    await addFault(sandbox, { method: 'POST', path: CREATE_PATH, action: 'status', status: 403 });
    t.app.runner.setPaused(false);
    await t.drain();
    await expect.poll(() => fakeBrowser.action.getBadgeText({})).toBe('2');
    expect(await fakeBrowser.action.getBadgeBackgroundColor({})).toEqual([197, 34, 31, 255]);
    const shown = Object.values(fakeBrowser.notifications.getAllCreateOptions());
    expect(shown).toHaveLength(2);
    expect(shown[0]).toMatchObject({ title: 'Incident not created' });
    expect(shown[0]?.message).toMatch(/403|clock|permission/i);
  });

  it('a click on a success notification opens the incident', async () => {
    const t = makeApp(sandbox);
    await t.configure();
    const request = makeRequest();
    await t.ok('incident.create', { incident: request });
    await t.drain();
    const [id] = Object.keys(fakeBrowser.notifications.getAllCreateOptions());
    const before = (await fakeBrowser.tabs.query({})).length;
    t.app.onNotificationClicked(id!);
    const link = (await t.app.services.history.get(request.requestId))?.link;
    await expect
      .poll(async () => (await fakeBrowser.tabs.query({})).map((tab) => tab.url))
      .toContain(link);
    expect((await fakeBrowser.tabs.query({})).length).toBe(before + 1);
  });

  it('a new admin policy takes effect without a restart', async () => {
    const t = makeApp(sandbox);
    await t.configure();
    await t.app.start();
    await fakeBrowser.storage.managed.set({ rateLimits: { cftrPerMinute: 3 } });
    t.app.policyChanged();
    await expect.poll(() => t.app.services.clients.rates().cftrPerMinute).toBe(3);
  });
});
