import { describe, expect, it, vi } from 'vitest';
import {
  createOverlayRegistration,
  OVERLAY_SCRIPT,
  OVERLAY_SCRIPT_ID,
  type RegisteredScript,
} from '../../../utils/overlay/registration';
import { isOnOrigin, matchPatternOf, overlayOrigin } from '../../../utils/overlay/origin';
import { defaultSettings } from '../../../utils/settings/defaults';

function fakeApis(granted: string[], tabs: { id: number; url: string }[] = []) {
  let registered: RegisteredScript[] = [];
  const scripting = {
    getRegisteredContentScripts: vi.fn(async () => registered.map((s) => ({ ...s }))),
    registerContentScripts: vi.fn(async (scripts: RegisteredScript[]) => {
      if (scripts.some((s) => registered.some((r) => r.id === s.id)))
        throw new Error('Duplicate script ID');
      registered = [...registered, ...scripts];
    }),
    unregisterContentScripts: vi.fn(async () => {
      registered = [];
    }),
    executeScript: vi.fn(async () => [{}]),
  };
  return {
    apis: {
      scripting,
      permissions: {
        contains: vi.fn(async ({ origins }: { origins: string[] }) =>
          origins.every((o) => granted.includes(o)),
        ),
      },
      tabs: { query: vi.fn(async () => tabs) },
    },
    registered: () => registered,
  };
}

describe('overlay registration', () => {
  it('registers for the configured host once its permission is granted, and injects open tenant tabs', async () => {
    const f = fakeApis(
      ['https://tenant.example/*'],
      [
        { id: 1, url: 'https://tenant.example/ctix/threatdata' },
        { id: 2, url: 'https://tenant.example:8443/ctix/threatdata' },
      ],
    );
    const reg = createOverlayRegistration({
      apis: f.apis,
      wantedOrigin: async () => 'https://tenant.example',
      log: vi.fn(),
    });
    expect(await reg.reconcile()).toEqual({
      registered: true,
      pattern: 'https://tenant.example/*',
      injected: 1,
    });
    expect(f.registered()).toEqual([
      expect.objectContaining({
        id: OVERLAY_SCRIPT_ID,
        js: [OVERLAY_SCRIPT],
        matches: ['https://tenant.example/*'],
        persistAcrossSessions: true,
      }),
    ]);
    // Only the tab on the exact origin (not another port) got the script.
    expect(f.apis.scripting.executeScript).toHaveBeenCalledTimes(1);
    expect(f.apis.scripting.executeScript).toHaveBeenCalledWith({
      target: { tabId: 1 },
      files: [OVERLAY_SCRIPT],
    });
    // A second reconcile (a worker restart) changes nothing and injects nothing.
    expect(await reg.reconcile()).toMatchObject({ registered: true, injected: 0 });
    expect(f.apis.scripting.registerContentScripts).toHaveBeenCalledTimes(1);
  });

  it('registers nothing without the permission, and unregisters when it is revoked or the origin goes', async () => {
    let wanted: string | null = 'https://tenant.example';
    const granted = ['https://tenant.example/*'];
    const f = fakeApis(granted);
    const reg = createOverlayRegistration({
      apis: f.apis,
      wantedOrigin: async () => wanted,
      log: vi.fn(),
    });
    await reg.reconcile();
    expect(f.registered()).toHaveLength(1);
    granted.length = 0;
    expect(await reg.reconcile()).toEqual({ registered: false, reason: 'no-permission' });
    expect(f.registered()).toEqual([]);
    granted.push('https://tenant.example/*');
    await reg.reconcile();
    wanted = null;
    expect(await reg.reconcile()).toEqual({ registered: false, reason: 'not-configured' });
    expect(f.registered()).toEqual([]);
  });

  it('moves the registration when the origin changes; overlapping reconciles never register twice', async () => {
    let wanted = 'https://a.example';
    const f = fakeApis(['https://a.example/*', 'https://b.example/*']);
    const reg = createOverlayRegistration({
      apis: f.apis,
      wantedOrigin: async () => wanted,
      log: vi.fn(),
    });
    await Promise.all([reg.reconcile(), reg.reconcile(), reg.reconcile()]);
    expect(f.registered()).toHaveLength(1);
    wanted = 'https://b.example';
    await reg.reconcile();
    expect(f.registered().map((s) => s.matches)).toEqual([['https://b.example/*']]);
  });
});

describe('the overlay origin', () => {
  it('is the overlay URL, else the API origin; none when off or unset', () => {
    const s = defaultSettings();
    expect(overlayOrigin(s)).toBeNull();
    s.ctix.baseUrl = 'https://tenant.cyware.com/ctixapi/';
    expect(overlayOrigin(s)).toBe('https://tenant.cyware.com');
    s.overlay.uiUrl = 'https://ui.tenant.example:8443/';
    expect(overlayOrigin(s)).toBe('https://ui.tenant.example:8443');
    s.overlay.enabled = false;
    expect(overlayOrigin(s)).toBeNull();
    s.overlay = { ...s.overlay, enabled: true, uiUrl: 'javascript:alert(1)' };
    expect(overlayOrigin(s)).toBeNull();
  });

  it('matches by host for registration (no port: Firefox refuses it) but checks the exact origin', () => {
    expect(matchPatternOf('http://127.0.0.1:8787')).toBe('http://127.0.0.1/*');
    expect(isOnOrigin('http://127.0.0.1:8787/ctix/threatdata', 'http://127.0.0.1:8787')).toBe(true);
    expect(isOnOrigin('http://127.0.0.1:9999/ctix/threatdata', 'http://127.0.0.1:8787')).toBe(
      false,
    );
    expect(isOnOrigin('http://localhost:8787/ctix/threatdata', 'http://127.0.0.1:8787')).toBe(
      false,
    );
    expect(isOnOrigin(undefined, 'http://127.0.0.1:8787')).toBe(false);
  });
});
