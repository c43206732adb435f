import { fakeBrowser } from 'wxt/testing/fake-browser';
import { startSandbox, type FaultRule, type Sandbox } from '../../../sandbox/index';
import type { MessageResult, MessageType, RequestOf } from '../../../utils/messaging/contract';
import type { SenderLike } from '../../../utils/messaging/router';
import { createBackgroundApp, type BackgroundAppDeps } from '../../../utils/background/app';
import { defaultSettings } from '../../../utils/settings/defaults';
import type { Settings } from '../../../utils/settings/schema';
import { createDbOpener } from '../../../utils/store/db';

export const EXT_ID = fakeBrowser.runtime.id;
export const PAGE: SenderLike = { id: EXT_ID, url: `chrome-extension://${EXT_ID}/popup.html` };
export const CONTENT: SenderLike = {
  id: EXT_ID,
  url: 'https://intel.example/page',
  tab: { id: 4, url: 'https://intel.example/page' },
};

/** Our review page framed in that web tab (review messages only). */
export const FRAME: SenderLike = {
  id: EXT_ID,
  url: `chrome-extension://${EXT_ID}/review.html?id=r&host=frame`,
  tab: { id: 4, url: 'https://intel.example/page' },
  frameId: 1,
};

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function settingsFor(sandbox: Sandbox, patch: Partial<Settings> = {}): Settings {
  const d = defaultSettings();
  return {
    ...d,
    ctix: {
      baseUrl: sandbox.ctixBase,
      accessId: sandbox.credentials.ctix.accessId,
      expiresOn: null,
    },
    cftr: {
      baseUrl: sandbox.cftrBase,
      accessId: sandbox.credentials.cftr.accessId,
      expiresOn: null,
      uiUrl: '',
    },
    ...patch,
  };
}

/** A background app on the fake browser and a fresh IndexedDB, talking to a real sandbox. */
export function makeApp(
  sandbox: Sandbox,
  deps: Partial<BackgroundAppDeps> = {},
  /** Another name = another browser profile. */
  dbName?: string,
) {
  const getDb = createDbOpener(dbName);
  const app = createBackgroundApp({
    browser: fakeBrowser,
    getDb,
    fetch: (input, init) => fetch(input, init),
    ...deps,
    outbox: { backoff: { baseMs: 20, capMs: 80 }, settleMs: 300, ...deps.outbox },
  });

  async function call<T extends MessageType>(
    type: T,
    payload: RequestOf<T>,
    sender: SenderLike = PAGE,
  ): Promise<MessageResult | null> {
    return app.router.handle({ channel: 'cftr-bridge', type, payload }, sender);
  }

  /** The data of a successful call; throws with the error otherwise. */
  async function ok<T extends MessageType>(type: T, payload: RequestOf<T>, sender?: SenderLike) {
    const result = await call(type, payload, sender);
    if (!result?.ok) throw new Error(`${type} failed: ${JSON.stringify(result)}`);
    return result.data as never;
  }

  async function configure(patch: Partial<Settings> = {}) {
    await ok('settings.save', {
      settings: settingsFor(sandbox, patch),
      secrets: { ctix: sandbox.credentials.ctix.secret, cftr: sandbox.credentials.cftr.secret },
    });
  }

  /** Run the outbox until nothing is due any more (real time, short backoffs). */
  async function drain(maxPasses = 30) {
    for (let i = 0; i < maxPasses; i++) {
      await app.runner.run();
      const next = await app.services.outbox.nextDueAt();
      if (next === null) return;
      await sleep(Math.max(0, next - Date.now()) + 5);
    }
  }

  return { app, getDb, call, ok, configure, drain };
}

export async function startTestSandbox(): Promise<Sandbox> {
  return startSandbox({ port: 0 });
}

export async function addFault(sandbox: Sandbox, rule: FaultRule): Promise<void> {
  const res = await fetch(`${sandbox.url}/__sandbox/faults`, {
    method: 'POST',
    body: JSON.stringify(rule),
  });
  if (!res.ok) throw new Error(`fault not added: ${await res.text()}`);
}

export interface SandboxIncident {
  unique_id: string;
  readable_id: string;
  title: string;
  description: string;
}

export async function sandboxIncidents(sandbox: Sandbox): Promise<SandboxIncident[]> {
  const res = await fetch(`${sandbox.url}/__sandbox/incidents`);
  return ((await res.json()) as { results: SandboxIncident[] }).results;
}

/** Requests the sandbox logged for a path (and method: listing shares the create path). */
export async function sandboxRequests(sandbox: Sandbox, path: string, method = 'POST') {
  const res = await fetch(`${sandbox.url}/__sandbox/requests?path=${encodeURIComponent(path)}`);
  const { results } = (await res.json()) as {
    results: { method: string; signature: string; status: number | null }[];
  };
  return results.filter((r) => r.method === method);
}

/** Wait for the pass in progress (a retry timer may have started one) and hold further ones. */
export async function settle(app: {
  runner: { setPaused(on: boolean): void; run(): Promise<void> };
}) {
  app.runner.setPaused(true);
  await app.runner.run();
}

export const CREATE_PATH = '/cftrapi/openapi/v1/incident/';
