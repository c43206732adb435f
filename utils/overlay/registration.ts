import { matchPatternOf } from './origin';

/**
 * Keeps the overlay content script registered for exactly the configured Intel Exchange UI
 * origin, and only while its host permission is granted (overlay-research.md §3). Chrome keeps
 * registrations across restarts but clears them on update, so this reconciles idempotently on
 * every worker start, install/update, permission change and settings change, and injects into
 * tabs that were already open (registration does not reach them).
 */

export const OVERLAY_SCRIPT_ID = 'cftr-ctix-overlay';
export const OVERLAY_SCRIPT = 'content-scripts/ctix-overlay.js';

export interface RegisteredScript {
  id: string;
  matches?: string[];
}

export interface RegistrationApis {
  scripting: {
    getRegisteredContentScripts(filter?: { ids?: string[] }): Promise<RegisteredScript[]>;
    registerContentScripts(
      scripts: {
        id: string;
        js: string[];
        matches: string[];
        runAt: 'document_idle';
        persistAcrossSessions: boolean;
      }[],
    ): Promise<void>;
    unregisterContentScripts(filter?: { ids?: string[] }): Promise<void>;
    /** The same shape as utils/capture/browser-ports.ts ScriptingLike (WXT's browser fits). */
    executeScript(injection: {
      target: { tabId: number; frameIds?: number[] };
      files?: string[];
      func?: (...args: never[]) => unknown;
      args?: unknown[];
    }): Promise<unknown>;
  };
  permissions: { contains(permissions: { origins: string[] }): Promise<boolean> };
  tabs: { query(query: { url: string[] }): Promise<{ id?: number; url?: string }[]> };
}

export interface RegistrationDeps {
  apis: RegistrationApis;
  /** The overlay origin wanted now (null = none: not configured, or turned off). */
  wantedOrigin(): Promise<string | null>;
  log(message: string, error?: unknown): void;
}

export type RegistrationState =
  | { registered: false; reason: 'not-configured' | 'no-permission' }
  | { registered: true; pattern: string; injected: number };

export function createOverlayRegistration(deps: RegistrationDeps) {
  const { scripting, permissions, tabs } = deps.apis;
  // One reconcile at a time: two overlapping ones would both try to register the same ID.
  let queue: Promise<unknown> = Promise.resolve();

  async function reconcileNow(): Promise<RegistrationState> {
    const origin = await deps.wantedOrigin();
    const pattern = origin === null ? null : matchPatternOf(origin);
    const granted =
      pattern !== null && (await permissions.contains({ origins: [pattern] }).catch(() => false));
    const current = await scripting.getRegisteredContentScripts({ ids: [OVERLAY_SCRIPT_ID] });
    const same =
      current.length === 1 &&
      current[0]?.matches?.length === 1 &&
      current[0].matches[0] === pattern;
    if (!granted || pattern === null) {
      if (current.length > 0)
        await scripting.unregisterContentScripts({ ids: [OVERLAY_SCRIPT_ID] });
      return { registered: false, reason: pattern === null ? 'not-configured' : 'no-permission' };
    }
    if (!same) {
      if (current.length > 0)
        await scripting.unregisterContentScripts({ ids: [OVERLAY_SCRIPT_ID] });
      await scripting.registerContentScripts([
        {
          id: OVERLAY_SCRIPT_ID,
          js: [OVERLAY_SCRIPT],
          matches: [pattern],
          runAt: 'document_idle',
          persistAcrossSessions: true,
        },
      ]);
    }
    // A registration that was already in place already serves every tab (a worker restart
    // changes nothing). A new one does not reach open tenant tabs: they get the script by hand,
    // and a copy already running there is replaced (WXT's context invalidates the older one).
    let injected = 0;
    if (same) return { registered: true, pattern, injected };
    for (const tab of await tabs.query({ url: [pattern] }).catch(() => [])) {
      if (tab.id === undefined || !tab.url || new URL(tab.url).origin !== origin) continue;
      try {
        await scripting.executeScript({ target: { tabId: tab.id }, files: [OVERLAY_SCRIPT] });
        injected += 1;
      } catch (error) {
        deps.log('injecting the overlay into an open tab failed', error);
      }
    }
    return { registered: true, pattern, injected };
  }

  return {
    reconcile(): Promise<RegistrationState> {
      const run = queue.then(reconcileNow, reconcileNow);
      queue = run.catch((error: unknown) => deps.log('overlay registration failed', error));
      return run;
    },
  };
}

export type OverlayRegistration = ReturnType<typeof createOverlayRegistration>;
