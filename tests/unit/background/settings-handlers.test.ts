import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Sandbox } from '../../../sandbox/index';
import type { SettingsView } from '../../../utils/model/views';
import { CHANGE_SIGNAL_KEY } from '../../../utils/messaging/signal-key';
import { defaultSettings } from '../../../utils/settings/defaults';
import { makeApp, settingsFor, startTestSandbox } from './harness';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox.stop());
afterEach(() => sandbox.reset());

describe('settings handlers', () => {
  it('saves settings and secrets; the view shows when secrets were set, never their value', async () => {
    const t = makeApp(sandbox);
    const before: SettingsView = await t.ok('settings.get', {});
    expect(before.secrets).toEqual({ ctix: { set: false }, cftr: { set: false } });

    const view: SettingsView = await t.ok('settings.save', {
      settings: {
        ...settingsFor(sandbox),
        // Pasted as the UI would show them: no trailing slash, a UI URL, stray spaces.
        ctix: { baseUrl: `${sandbox.url}/ctix/threatdata`, accessId: ' ak-ctix ', expiresOn: null },
        cftr: {
          baseUrl: `${sandbox.url}/cftrapi/openapi`,
          accessId: 'ak-cftr',
          expiresOn: '2031-02-03',
          uiUrl: '',
        },
      },
      secrets: { cftr: '  the-cftr-secret\n' },
    });
    expect(view.settings.ctix).toEqual({
      baseUrl: `${sandbox.url}/ctixapi/`,
      accessId: 'ak-ctix',
      expiresOn: null,
    });
    expect(view.settings.cftr).toEqual({
      baseUrl: `${sandbox.url}/cftrapi/openapi/`,
      accessId: 'ak-cftr',
      expiresOn: '2031-02-03',
      uiUrl: `${sandbox.url}/cftr/`,
    });
    expect(view.secrets.ctix).toEqual({ set: false });
    expect(view.secrets.cftr.set).toBe(true);
    expect(JSON.stringify(view)).not.toContain('the-cftr-secret');
    expect(await t.app.services.secrets.get('cftr')).toBe('the-cftr-secret');

    // Saving again without secrets keeps the stored ones.
    await t.ok('settings.save', { settings: view.settings });
    expect(await t.app.services.secrets.get('cftr')).toBe('the-cftr-secret');
  });

  it('refuses unusable URLs and invalid templates, naming the field, and changes nothing', async () => {
    const t = makeApp(sandbox);
    const bad = await t.call('settings.save', {
      settings: {
        ...settingsFor(sandbox),
        cftr: {
          baseUrl: 'http://tenant.example/cftrapi/openapi/',
          accessId: 'a',
          expiresOn: null,
          uiUrl: '',
        },
      },
      secrets: { cftr: 'secret-that-must-not-be-stored' },
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'handler-error' } });
    expect(bad?.ok === false && bad.error.message).toMatch(/cftr\.baseUrl: Use https/);
    expect(await t.app.services.secrets.status('cftr')).toEqual({ set: false });

    const template = { ...defaultSettings().template, body: '{"title": "{{title}}"}' };
    const noRef = await t.call('settings.save', {
      settings: { ...settingsFor(sandbox), template },
    });
    expect(noRef?.ok === false && noRef.error.message).toMatch(/template\.body: .*Bridge-Ref/);
    expect((await t.app.services.settings.getLocal()).cftr.baseUrl).toBe('');
  });

  it('applies the new rate limits at once', async () => {
    const t = makeApp(sandbox);
    await t.ok('settings.save', {
      settings: { ...settingsFor(sandbox), rateLimits: { ctixPerMinute: 12, cftrPerMinute: 34 } },
    });
    expect(t.app.services.clients.rates()).toEqual({ ctixPerMinute: 12, cftrPerMinute: 34 });
  });

  it('bumps the change signal so pages refresh', async () => {
    const t = makeApp(sandbox);
    await t.configure();
    const first = (await fakeBrowser.storage.local.get(CHANGE_SIGNAL_KEY))[CHANGE_SIGNAL_KEY];
    await t.configure();
    const second = (await fakeBrowser.storage.local.get(CHANGE_SIGNAL_KEY))[CHANGE_SIGNAL_KEY];
    expect(typeof first).toBe('number');
    expect(second).not.toBe(first);
  });

  it('shows policy-locked paths and policy values', async () => {
    await fakeBrowser.storage.managed.set({
      actionLabel: 'Open IR case',
      cftr: { accessId: 'policy-id' },
    });
    const t = makeApp(sandbox);
    await t.configure();
    const view: SettingsView = await t.ok('settings.get', {});
    expect(view.locked.toSorted()).toEqual(['actionLabel', 'cftr.accessId']);
    expect(view.settings.actionLabel).toBe('Open IR case');
    expect(view.settings.cftr.accessId).toBe('policy-id');
  });

  it('never stores policy values as local ones, and a bad policy value does not block a save', async () => {
    const t = makeApp(sandbox);
    await t.configure({ actionLabel: 'Local label' });
    await fakeBrowser.storage.managed.set({
      actionLabel: 'Policy label',
      // Plain http is refused for a tenant: this policy value is wrong.
      cftr: { baseUrl: 'http://tenant.example.com/cftrapi/openapi/' },
    });
    const shown: SettingsView = await t.ok('settings.get', {});
    expect(shown.settings.actionLabel).toBe('Policy label');

    // The page saves what it shows, locked fields included.
    const saved: SettingsView = await t.ok('settings.save', {
      settings: { ...shown.settings, rateLimits: { ctixPerMinute: 30, cftrPerMinute: 30 } },
    });
    expect(saved.settings.rateLimits.ctixPerMinute).toBe(30);
    expect(saved.settings.actionLabel).toBe('Policy label');

    // Lift the policy: the admin's values are gone, the local ones are back.
    await fakeBrowser.storage.managed.clear();
    const after: SettingsView = await t.ok('settings.get', {});
    expect(after.locked).toEqual([]);
    expect(after.settings.actionLabel).toBe('Local label');
    expect(after.settings.cftr.baseUrl).toBe(sandbox.cftrBase);
    expect(after.settings.rateLimits.ctixPerMinute).toBe(30);
  });

  it('exports versioned JSON without secrets that imports back to the same settings', async () => {
    const t = makeApp(sandbox);
    await t.configure({ actionLabel: 'Escalate to Respond' });
    const { json } = await t.ok('settings.export', {});
    expect(json).not.toContain(sandbox.credentials.cftr.secret);
    expect(json).not.toContain(sandbox.credentials.ctix.secret);
    const file = JSON.parse(json) as { format: string; version: number; settings: unknown };
    expect(file.format).toBe('cftr-incident-bridge/settings');
    expect(file.version).toBe(1);

    const other = makeApp(sandbox, {}, 'another-profile');
    const imported = await other.ok('settings.import', { json });
    expect(imported).toMatchObject({ ok: true });
    expect(await other.app.services.settings.getLocal()).toEqual(file.settings);
    // Secrets are not part of it: the other profile still has none.
    expect(((await other.ok('settings.get', {})) as SettingsView).secrets.cftr).toEqual({
      set: false,
    });
  });

  it('importing a file from a build before the new IOC types enables and maps them', async () => {
    const t = makeApp(sandbox);
    const s = settingsFor(sandbox);
    const legacyTypes = ['ipv4', 'domain', 'url', 'md5', 'sha256'];
    const file = {
      format: 'cftr-incident-bridge/settings',
      version: 1,
      settings: {
        ...s,
        extraction: { ...s.extraction, types: legacyTypes },
        mapping: [{ respondField: 'ip_address', ctixTypes: ['ipv4-addr'] }],
      },
    };
    expect(await t.ok('settings.import', { json: JSON.stringify(file) })).toMatchObject({
      ok: true,
    });
    const local = await t.app.services.settings.getLocal();
    expect(local.extraction.types).toEqual([
      ...legacyTypes,
      'sha224',
      'sha384',
      'ssdeep',
      'mac',
      'registry-key',
      'filename',
    ]);
    expect(local.mapping.map((r) => r.respondField)).toEqual([
      'ip_address',
      'file_hash_sha224',
      'file_hash_sha384',
      'file_hash_ssdeep',
      'mac_address',
      'registry_key',
      'file_name',
    ]);
  });

  it('import reports every bad field and changes nothing', async () => {
    // No messages configured (the sandbox's classic zod sets English ones when it loads): the
    // worker's own app factory must set them.
    z.config({ localeError: undefined });
    const t = makeApp(sandbox);
    await t.configure({ actionLabel: 'Before import' });
    const file = {
      format: 'cftr-incident-bridge/settings',
      version: 1,
      settings: {
        ...settingsFor(sandbox),
        actionLabel: '',
        mapping: [{ respondField: 'bad field!', ctixTypes: [] }],
        rateLimits: { ctixPerMinute: 0, cftrPerMinute: 10 },
        ctix: { baseUrl: 'ftp://x', accessId: 'a', expiresOn: '31/12/2030' },
      },
    };
    const result = await t.ok('settings.import', { json: JSON.stringify(file) });
    expect(result).toMatchObject({ ok: false });
    const paths = (result as { errors: { path: string; message: string }[] }).errors.map(
      (e) => e.path,
    );
    expect(paths.toSorted()).toEqual(
      [
        'actionLabel',
        'ctix.expiresOn',
        'mapping.0.ctixTypes',
        'mapping.0.respondField',
        'rateLimits.ctixPerMinute',
      ].toSorted(),
    );
    // Each in words an admin can act on (zod/mini has no messages of its own: the worker sets
    // English ones; without them every line would say "Invalid input").
    const messageOf = (path: string) =>
      (result as { errors: { path: string; message: string }[] }).errors.find(
        (e) => e.path === path,
      )?.message;
    expect(messageOf('rateLimits.ctixPerMinute')).toMatch(/expected number to be >=1/);
    expect(messageOf('actionLabel')).toMatch(/expected string to have >=1 characters/);
    expect(messageOf('ctix.expiresOn')).toBe('Use the date format YYYY-MM-DD');
    expect((await t.app.services.settings.getLocal()).actionLabel).toBe('Before import');

    const urlOnly = await t.ok('settings.import', {
      json: JSON.stringify({
        settings: { ctix: { baseUrl: 'ftp://x', accessId: 'a', expiresOn: null } },
      }),
    });
    expect(urlOnly).toEqual({
      ok: false,
      errors: [{ path: 'ctix.baseUrl', message: expect.stringContaining('https') }],
    });
  });

  it('import explains JSON errors, foreign files and newer versions', async () => {
    const t = makeApp(sandbox);
    const errorsOf = async (json: string) =>
      ((await t.ok('settings.import', { json })) as { errors: { path: string; message: string }[] })
        .errors;
    expect((await errorsOf('{"settings": '))[0]?.message).toMatch(/not valid JSON/);
    expect((await errorsOf('[1,2]'))[0]?.message).toMatch(/JSON object/);
    expect((await errorsOf('{"format": "other-tool"}'))[0]?.path).toBe('format');
    expect((await errorsOf('{"version": 7, "settings": {}}'))[0]?.message).toMatch(/newer version/);
  });

  it('import of a partial file keeps defaults for what it lacks and ignores secrets in it', async () => {
    const t = makeApp(sandbox);
    const result = await t.ok('settings.import', {
      json: JSON.stringify({
        settings: { actionLabel: 'Partial', cftr: { secret: 'smuggled', accessId: 'x' } },
      }),
    });
    expect(result).toMatchObject({ ok: true });
    const local = await t.app.services.settings.getLocal();
    expect(local.actionLabel).toBe('Partial');
    expect(local.mapping).toEqual(defaultSettings().mapping);
    expect(JSON.stringify(local)).not.toContain('smuggled');
    expect(await t.app.services.secrets.status('cftr')).toEqual({ set: false });
  });
});
