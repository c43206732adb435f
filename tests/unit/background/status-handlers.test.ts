import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../sandbox/index';
import type { Status } from '../../../utils/model/views';
import { BUILTIN_CTIX_TYPES } from '../../../utils/settings/ctix-types';
import { defaultSettings } from '../../../utils/settings/defaults';
import { expiryOf } from '../../../utils/background/expiry';
import { CONTENT, makeApp, settingsFor, startTestSandbox } from './harness';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox.stop());
afterEach(() => sandbox.reset());

const localNoon = (y: number, m: number, d: number) => new Date(y, m - 1, d, 12).getTime();

describe('expiryOf', () => {
  const now = localNoon(2030, 3, 10);
  it.each([
    [null, { expiry: 'none' }],
    ['2030-05-01', { expiry: 'ok', daysLeft: 52 }],
    ['2030-03-18', { expiry: 'ok', daysLeft: 8 }],
    ['2030-03-17', { expiry: 'soon', daysLeft: 7 }],
    ['2030-03-10', { expiry: 'soon', daysLeft: 0 }],
    ['2030-03-09', { expiry: 'expired', daysLeft: -1 }],
  ] as const)('%s → %j', (expiresOn, expected) => {
    expect(expiryOf(expiresOn, now)).toEqual(expected);
  });

  it('counts calendar days, not 24-hour periods, late at night too', () => {
    expect(expiryOf('2030-03-11', new Date(2030, 2, 10, 23, 59).getTime())).toEqual({
      expiry: 'soon',
      daysLeft: 1,
    });
  });
});

describe('connection.test and status.get', () => {
  it('reports OK with latency and records it in the status', async () => {
    const t = makeApp(sandbox);
    await t.configure();
    const result = await t.ok('connection.test', { product: 'cftr' });
    expect(result).toMatchObject({ ok: true });
    expect((result as { latencyMs: number }).latencyMs).toBeGreaterThanOrEqual(0);
    const ctix = await t.ok('connection.test', { product: 'ctix' });
    expect(ctix).toMatchObject({ ok: true });
    const status: Status = await t.ok('status.get', {});
    expect(status.cftr).toMatchObject({ configured: true, expiry: 'none', lastTest: { ok: true } });
    expect(status.ctix.lastTest?.ok).toBe(true);
  });

  it('reports wrong credentials in words and records the failure', async () => {
    const t = makeApp(sandbox);
    await t.ok('settings.save', {
      settings: settingsFor(sandbox),
      secrets: { cftr: 'wrong-secret' },
    });
    const result = await t.ok('connection.test', { product: 'cftr' });
    expect(result).toMatchObject({ ok: false, error: { kind: 'auth', status: 401 } });
    const status: Status = await t.ok('status.get', {});
    expect(status.cftr.lastTest).toMatchObject({ ok: false, error: { kind: 'auth' } });
  });

  it('reports not configured', async () => {
    const t = makeApp(sandbox);
    const result = await t.ok('connection.test', { product: 'ctix' });
    expect(result).toMatchObject({ ok: false, error: { kind: 'not-configured' } });
  });

  it('status: configured needs URL, access ID and secret; expiry and counts', async () => {
    const t = makeApp(sandbox);
    let status: Status = await t.ok('status.get', {}, CONTENT);
    expect(status).toEqual({
      ctix: { configured: false, expiresOn: null, expiry: 'none' },
      cftr: { configured: false, expiresOn: null, expiry: 'none' },
      queued: 0,
      failed: 0,
    });
    const soon = new Date(Date.now() + 3 * 86_400_000);
    const iso = `${soon.getFullYear()}-${String(soon.getMonth() + 1).padStart(2, '0')}-${String(soon.getDate()).padStart(2, '0')}`;
    await t.ok('settings.save', {
      settings: {
        ...settingsFor(sandbox),
        cftr: { ...settingsFor(sandbox).cftr, expiresOn: iso },
        ctix: { ...settingsFor(sandbox).ctix, expiresOn: '2001-01-01' },
      },
      secrets: { cftr: 'x' },
    });
    status = await t.ok('status.get', {});
    expect(status.cftr).toMatchObject({
      configured: true,
      expiresOn: iso,
      expiry: 'soon',
      daysLeft: 3,
    });
    expect(status.ctix).toMatchObject({ configured: false, expiry: 'expired' });
  });
});

describe('ctix.iocTypes', () => {
  it('offers the built-in list without a connection', async () => {
    const t = makeApp(sandbox);
    const result = await t.ok('ctix.iocTypes', {});
    expect(result).toEqual({ source: 'builtin', types: BUILTIN_CTIX_TYPES });
  });

  it("lists the tenant's types when connected", async () => {
    const t = makeApp(sandbox);
    await t.configure();
    const result = (await t.ok('ctix.iocTypes', {})) as { source: string; types: { id: string }[] };
    expect(result.source).toBe('tenant');
    expect(result.types.map((x) => x.id)).toContain('ipv4-addr');
  });

  it('falls back to the built-in list with the reason when the tenant call fails', async () => {
    const t = makeApp(sandbox);
    await t.ok('settings.save', { settings: settingsFor(sandbox), secrets: { ctix: 'wrong' } });
    const result = await t.ok('ctix.iocTypes', {});
    expect(result).toMatchObject({ source: 'builtin', error: { kind: 'auth' } });
  });
});

describe('template.preview', () => {
  it('shows the exact request for the sample, signature masked', async () => {
    const t = makeApp(sandbox);
    await t.configure();
    const result = (await t.ok('template.preview', { template: defaultSettings().template })) as {
      ok: true;
      preview: { method: string; url: string; body: string };
    };
    expect(result.ok).toBe(true);
    expect(result.preview.method).toBe('POST');
    expect(result.preview.url).toContain(`${sandbox.cftrBase}v1/incident/?AccessID=`);
    expect(result.preview.url).not.toContain(sandbox.credentials.cftr.secret);
    expect(JSON.parse(result.preview.body).description).toMatch(/Bridge-Ref: [0-9a-f-]{36}$/);
  });

  it('gives the error and its line for an invalid template', async () => {
    const t = makeApp(sandbox);
    const template = {
      ...defaultSettings().template,
      body: '{\n  "title": "{{title}}",\n  "x": {{oops}}\n}',
    };
    const result = await t.ok('template.preview', { template });
    expect(result).toMatchObject({ ok: false, line: 3 });
  });
});
