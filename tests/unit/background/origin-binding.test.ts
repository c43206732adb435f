import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Sandbox } from '../../../sandbox/index';
import { createHttp } from '../../../utils/cyware/http';
import { isApiError } from '../../../utils/cyware/errors';
import { createTokenBucket } from '../../../utils/cyware/rate-limit';
import type { SettingsView } from '../../../utils/model/views';
import { EXPORT_FORMAT } from '../../../utils/background/settings-handlers';
import { makeApp, settingsFor, sleep, startTestSandbox } from './harness';
import { z } from 'zod';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox.stop());
afterEach(() => sandbox.reset());

/** A real fetch that records every URL it is asked for. */
function recordingFetch() {
  const urls: string[] = [];
  const fetchImpl = vi.fn((input: string, init: RequestInit) => {
    urls.push(input);
    return fetch(input, init);
  });
  return { urls, fetch: fetchImpl };
}

/** The same sandbox under another origin (host name differs, so the origin differs). */
const otherBase = (s: Sandbox) => `http://localhost:${s.port}/cftrapi/openapi/`;

describe('secrets bound to their origin', () => {
  it('records the origin of the base URL a secret was saved with', async () => {
    const t = makeApp(sandbox);
    await t.configure();
    const view: SettingsView = await t.ok('settings.get', {});
    expect(view.secrets.cftr.origin).toBe(new URL(sandbox.cftrBase).origin);
    expect(view.secrets.ctix.origin).toBe(new URL(sandbox.ctixBase).origin);
    const row = await (await t.getDb()).get('secrets', 'cftr');
    expect(row?.origin).toBe(sandbox.url);
  });

  it('never signs a request to another origin with it', async () => {
    const rec = recordingFetch();
    const t = makeApp(sandbox, { fetch: rec.fetch });
    await t.configure();
    // The stored settings point elsewhere without going through a save (e.g. a stale worker).
    const local = await t.app.services.settings.getLocal();
    await t.app.services.settings.saveLocal({
      ...local,
      cftr: { ...local.cftr, baseUrl: otherBase(sandbox) },
    });
    t.app.services.clients.invalidate();
    expect(await t.app.services.clients.getConfig('cftr')).toBeNull();
    const result = (await t.ok('connection.test', { product: 'cftr' })) as {
      ok: boolean;
      error?: { kind: string };
    };
    expect(result.ok).toBe(false);
    expect(result.error?.kind).toBe('not-configured');
    expect(rec.urls.filter((u) => u.includes('Signature='))).toEqual([]);
    expect(rec.fetch).not.toHaveBeenCalled();
  });

  it('the HTTP layer refuses to sign for an origin other than the secret’s', async () => {
    const fetchImpl = vi.fn(() => Promise.resolve(new Response('{}')));
    const http = createHttp({
      product: 'cftr',
      limiter: createTokenBucket({ perMinute: 90 }),
      fetch: fetchImpl,
      getConfig: () =>
        Promise.resolve({
          baseUrl: 'https://evil.example/cftrapi/openapi/',
          accessId: 'a',
          secret: 's',
          expiresOn: null,
          secretOrigin: 'https://tenant.example',
        }),
    });
    await expect(
      http.request({ method: 'GET', path: 'ping/', schema: z.unknown() }),
    ).rejects.toThrow(/saved for https:\/\/tenant\.example/);
    expect(fetchImpl).not.toHaveBeenCalled();
  });

  it('an edit that moves the base URL to another host clears the secret and says so', async () => {
    const rec = recordingFetch();
    const t = makeApp(sandbox, { fetch: rec.fetch });
    await t.configure();
    const view: SettingsView = await t.ok('settings.save', {
      settings: settingsFor(sandbox, {
        cftr: { ...settingsFor(sandbox).cftr, baseUrl: otherBase(sandbox) },
      }),
    });
    expect(view.secrets.cftr).toMatchObject({ set: false, cleared: 'origin-moved' });
    expect(view.secrets.ctix.set).toBe(true);
    expect(await t.app.services.secrets.get('cftr')).toBeNull();
    await t.ok('connection.test', { product: 'cftr' });
    expect(rec.fetch).not.toHaveBeenCalled();

    // Entering the secret again binds it to the new origin.
    const again: SettingsView = await t.ok('settings.save', {
      settings: view.settings,
      secrets: { cftr: sandbox.credentials.cftr.secret },
    });
    expect(again.secrets.cftr).toMatchObject({
      set: true,
      origin: `http://localhost:${sandbox.port}`,
    });
    expect(again.secrets.cftr.cleared).toBeUndefined();
  });

  it('a save that keeps the origin (only the path changes) keeps the secret', async () => {
    const t = makeApp(sandbox);
    await t.configure();
    const view: SettingsView = await t.ok('settings.save', {
      settings: settingsFor(sandbox, {
        cftr: { ...settingsFor(sandbox).cftr, baseUrl: `${sandbox.url}/other/cftrapi/openapi/` },
      }),
    });
    expect(view.secrets.cftr.set).toBe(true);
  });

  it('an import that moves the base URL clears the secret and the response reports it', async () => {
    const rec = recordingFetch();
    const t = makeApp(sandbox, { fetch: rec.fetch });
    await t.configure();
    const settings = settingsFor(sandbox, {
      cftr: { ...settingsFor(sandbox).cftr, baseUrl: otherBase(sandbox) },
    });
    const result = (await t.ok('settings.import', {
      json: JSON.stringify({ format: EXPORT_FORMAT, settings }),
    })) as { ok: true; view: SettingsView };
    expect(result.ok).toBe(true);
    expect(result.view.secrets.cftr).toMatchObject({ set: false, cleared: 'origin-moved' });
    expect(result.view.secrets.ctix.set).toBe(true);
    await t.ok('connection.test', { product: 'cftr' });
    expect(rec.urls.filter((u) => u.includes('Signature='))).toEqual([]);
  });

  it('an admin policy that moves the base URL clears the secret', async () => {
    const rec = recordingFetch();
    const t = makeApp(sandbox, { fetch: rec.fetch });
    await t.configure();
    await fakeBrowser.storage.managed.set({ cftr: { baseUrl: otherBase(sandbox) } });
    // Even before the change event is handled, the secret is not used for the new origin.
    await t.ok('connection.test', { product: 'cftr' });
    expect(rec.fetch).not.toHaveBeenCalled();
    t.app.policyChanged();
    await expect
      .poll(async () => ((await t.ok('settings.get', {})) as SettingsView).secrets.cftr)
      .toMatchObject({ set: false, cleared: 'origin-moved' });
    await sleep(10);
    expect(rec.fetch).not.toHaveBeenCalled();
  });
});

describe('host permission checked before any signed request', () => {
  it('a missing permission blocks the fetch and names the pattern', async () => {
    const rec = recordingFetch();
    const t = makeApp(sandbox, { fetch: rec.fetch });
    await t.configure();
    const contains = vi.mocked(fakeBrowser.permissions.contains);
    contains.mockResolvedValue(false as never);
    const result = (await t.ok('connection.test', { product: 'cftr' })) as {
      ok: boolean;
      error?: { kind: string; message: string };
    };
    expect(result.ok).toBe(false);
    expect(result.error?.kind).toBe('permission-missing');
    expect(result.error?.message).toContain('http://127.0.0.1/*');
    expect(contains).toHaveBeenCalledWith({ origins: ['http://127.0.0.1/*'] });
    expect(rec.fetch).not.toHaveBeenCalled();

    // Granted: the same test goes through, signed.
    contains.mockResolvedValue(true as never);
    const ok = (await t.ok('connection.test', { product: 'cftr' })) as { ok: boolean };
    expect(ok.ok).toBe(true);
    expect(rec.urls.some((u) => u.includes('Signature='))).toBe(true);
  });

  it('the HTTP layer throws permission-missing without calling fetch', async () => {
    const fetchImpl = vi.fn(() => Promise.resolve(new Response('{}')));
    const http = createHttp({
      product: 'ctix',
      limiter: createTokenBucket({ perMinute: 90 }),
      fetch: fetchImpl,
      hasHostPermission: () => Promise.resolve(false),
      getConfig: () =>
        Promise.resolve({
          baseUrl: 'https://tenant.example/ctixapi/',
          accessId: 'a',
          secret: 's',
          expiresOn: null,
          secretOrigin: 'https://tenant.example',
        }),
    });
    const error: unknown = await http
      .request({ method: 'GET', path: 'ping/', schema: z.unknown() })
      .catch((e: unknown) => e);
    expect(isApiError(error) && error.kind).toBe('permission-missing');
    expect((error as Error).message).toContain('https://tenant.example/*');
    expect(fetchImpl).not.toHaveBeenCalled();
  });
});
