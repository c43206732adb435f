/**
 * npx tsx bench/outbox.bench.ts   (OUTBOX_BENCH_N=500 by default)
 *
 * Outbox throughput against the in-process sandbox with no added latency, in Node: IndexedDB is
 * fake-indexeddb, HTTP is real fetch to 127.0.0.1, signing is WebCrypto. Each incident is one
 * transaction to enqueue (outbox + history), one claim transaction, one signed POST and one
 * completion transaction. Two runs:
 *   1. the outbox runner with the real Respond client and no rate limit (the machinery alone);
 *   2. the whole background app (router -> incident.create -> outbox), rate limit at the
 *      highest setting (10,000/min), as shipped otherwise.
 * Numbers from Chromium's IndexedDB will differ; the ratio between the phases is the point.
 */
import 'fake-indexeddb/auto';
import { randomUUID } from 'node:crypto';
import { startSandbox, type Sandbox } from '../sandbox/index';
import { createBackgroundApp, type BrowserApis } from '../utils/background/app';
import { createRespondClient } from '../utils/cyware/respond-client';
import { createTokenBucket } from '../utils/cyware/rate-limit';
import { findReference } from '../utils/cyware/template';
import type { IncidentRequest } from '../utils/model/incident';
import { prepareCreate } from '../utils/outbox/prepare';
import { createOutboxRunner } from '../utils/outbox/runner';
import { defaultSettings } from '../utils/settings/defaults';
import type { Settings } from '../utils/settings/schema';
import { createDbOpener } from '../utils/store/db';
import { createOutboxStore } from '../utils/store/outbox';

const N = Number(process.env.OUTBOX_BENCH_N ?? 500);

function request(i: number): IncidentRequest {
  return {
    requestId: randomUUID(),
    title: `Bench incident ${i}`,
    description: 'Outbox benchmark',
    iocs: [
      { type: 'ipv4', value: `203.0.113.${i % 250}` },
      { type: 'domain', value: `bench-${i}.example` },
    ],
    ctixObjects: [],
    source: {
      kind: 'page',
      url: 'https://bench.example/',
      pageTitle: 'Bench',
      host: 'bench.example',
      ctixObjectIds: [],
    },
  };
}

function settingsFor(sandbox: Sandbox): Settings {
  return {
    ...defaultSettings(),
    cftr: {
      baseUrl: sandbox.cftrBase,
      accessId: sandbox.credentials.cftr.accessId,
      expiresOn: null,
      uiUrl: `${sandbox.url}/cftr/`,
    },
    rateLimits: { ctixPerMinute: 10_000, cftrPerMinute: 10_000 },
  };
}

async function createdCount(sandbox: Sandbox): Promise<number> {
  const res = await fetch(`${sandbox.url}/__sandbox/incidents`);
  return ((await res.json()) as { total: number }).total;
}

const rate = (n: number, ms: number) => `${((n * 1000) / ms).toFixed(1)}/s`;

async function runnerOnly(sandbox: Sandbox): Promise<void> {
  const getDb = createDbOpener('bench-runner');
  const store = createOutboxStore(getDb);
  const respond = createRespondClient({
    getConfig: async () => ({
      baseUrl: sandbox.cftrBase,
      ...sandbox.credentials.cftr,
      expiresOn: null,
    }),
    limiter: createTokenBucket({ perMinute: 1e9, capacity: 1e9 }),
  });
  const runner = createOutboxRunner({ store, respond, findReference, linkFor: () => undefined });
  const settings = settingsFor(sandbox);

  const t0 = performance.now();
  for (let i = 0; i < N; i++) {
    const r = request(i);
    await store.enqueue(r, prepareCreate(r, settings));
  }
  const t1 = performance.now();
  await runner.run();
  const t2 = performance.now();
  const created = await createdCount(sandbox);
  if (created !== N || (await store.counts()).queued !== 0)
    throw new Error(`runner: ${created}/${N} created`);
  console.log(
    `runner only   enqueue ${N}: ${(t1 - t0).toFixed(0)} ms (${rate(N, t1 - t0)})  send ${N}: ${(t2 - t1).toFixed(0)} ms (${rate(N, t2 - t1)})  end to end ${rate(N, t2 - t0)}`,
  );
  getDb.close();
}

async function wholeApp(sandbox: Sandbox): Promise<void> {
  const local = new Map<string, unknown>();
  const browser: BrowserApis = {
    runtime: { id: 'bench', getURL: (path) => `chrome-extension://bench${path}` },
    storage: {
      local: {
        set: async (items) => void Object.entries(items).forEach(([k, v]) => local.set(k, v)),
      },
    },
    alarms: { create: async () => undefined, clear: async () => true },
  };
  const app = createBackgroundApp({ browser, getDb: createDbOpener('bench-app') });
  const page = { id: 'bench', url: 'chrome-extension://bench/popup.html' };
  const call = (type: string, payload: unknown) =>
    app.router.handle({ channel: 'cftr-bridge', type, payload }, page);
  await call('settings.save', {
    settings: settingsFor(sandbox),
    secrets: { cftr: sandbox.credentials.cftr.secret },
  });
  await app.start();

  const t0 = performance.now();
  app.runner.setPaused(true);
  for (let i = 0; i < N; i++) {
    const result = await call('incident.create', { incident: request(i) });
    if (!result?.ok) throw new Error(JSON.stringify(result));
  }
  const t1 = performance.now();
  app.runner.setPaused(false);
  await app.runner.run();
  const t2 = performance.now();
  app.dispose();
  const created = await createdCount(sandbox);
  if (created !== N) throw new Error(`app: ${created}/${N} created`);
  console.log(
    `whole app     enqueue ${N}: ${(t1 - t0).toFixed(0)} ms (${rate(N, t1 - t0)})  send ${N}: ${(t2 - t1).toFixed(0)} ms (${rate(N, t2 - t1)})  end to end ${rate(N, t2 - t0)}  (limit 10,000/min = 166.7/s)`,
  );
}

const sandbox = await startSandbox({ port: 0 });
try {
  console.log(
    `Outbox throughput, ${N} incidents, sandbox at ${sandbox.url} (no added latency), Node ${process.version}`,
  );
  await runnerOnly(sandbox);
  sandbox.reset();
  await wholeApp(sandbox);
} finally {
  await sandbox.stop();
}
