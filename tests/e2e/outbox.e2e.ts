import { randomUUID } from 'node:crypto';
import type { Page } from 'puppeteer';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FaultRule } from '../../sandbox/index';
import { configureAgainstSandbox, sendFromPage } from './configure';
import { launchHarness, type Harness } from './harness';
import { trackForScreenshots } from './setup';

/**
 * The durable outbox in a real Chromium: incidents created through the worker reach the
 * sandbox signed, survive the fault matrix, and survive the worker being killed between
 * enqueue and send and in the middle of a request, without ever duplicating.
 */

const CREATE_PATH = '/cftrapi/openapi/v1/incident/';
/** The sandbox holds a create this long; the restarted worker waits longer before searching. */
const SLOW_CREATE_MS = 1_000;
const SETTLE_MS = 1_800;

interface HistoryItem {
  id: string;
  state: 'queued' | 'sending' | 'created' | 'failed';
  apiId?: string;
  readableId?: string;
  link?: string;
  attempts: number;
  error?: { kind: string; message: string; status?: number; detail?: string };
}
interface SandboxIncident {
  unique_id: string;
  readable_id: string;
  description: string;
}
interface LoggedRequest {
  method: string;
  path: string;
  signature: string | null;
  status: number | null;
  body: { description?: string } | null;
}

let h: Harness;
let page: Page;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function control<T>(path: string, init?: RequestInit): Promise<T> {
  const res = await fetch(`${h.sandbox.url}/__sandbox/${path}`, init);
  if (!res.ok) throw new Error(`sandbox ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}
const addFault = (rule: FaultRule) =>
  control('faults', { method: 'POST', body: JSON.stringify(rule) });
const clearFaults = () => control('faults', { method: 'DELETE' });
const incidents = async () => (await control<{ results: SandboxIncident[] }>('incidents')).results;
const creates = async () =>
  (
    await control<{ results: LoggedRequest[] }>(`requests?path=${encodeURIComponent(CREATE_PATH)}`)
  ).results.filter((r) => r.method === 'POST');
const withRef = async (ref: string) =>
  (await incidents()).filter((i) => i.description.includes(`Bridge-Ref: ${ref}`));

/** A page of ours to send messages from; reopened if a test closed it. */
async function ourPage(): Promise<Page> {
  if (!page || page.isClosed()) page = await h.openExtensionPage('popup.html');
  return page;
}

async function send<T>(type: string, payload: unknown): Promise<T> {
  const answer = (await sendFromPage(await ourPage(), type, payload)) as
    { ok: true; data: T } | { ok: false; error: { code: string; message: string } };
  if (!answer.ok) throw new Error(`${type}: ${answer.error.code} ${answer.error.message}`);
  return answer.data;
}

function newRequest(title = 'E2E incident') {
  return {
    requestId: randomUUID(),
    title,
    description: 'Raised by the outbox e2e test.',
    iocs: [{ type: 'domain', value: 'evil-login.example' }],
    source: {
      kind: 'page',
      url: 'https://news.example.org/x',
      pageTitle: 'x',
      host: 'news.example.org',
    },
  };
}

async function create(title?: string): Promise<string> {
  const request = newRequest(title);
  const queued = await send<HistoryItem>('incident.create', { incident: request });
  expect(queued.state).toBe('queued');
  return request.requestId;
}

async function item(id: string): Promise<HistoryItem | null> {
  return (await send<{ item: HistoryItem | null }>('incident.get', { id })).item;
}

async function waitFor(id: string, states: HistoryItem['state'][], timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const current = await item(id);
    if (current && states.includes(current.state)) return current;
    if (Date.now() > deadline) throw new Error(`${id} stayed ${JSON.stringify(current)}`);
    await sleep(100);
  }
}

const hooks = <T>(expression: string) => h.evalWorker<T>(`globalThis.__bridgeTest.${expression}`);

beforeAll(async () => {
  h = await launchHarness();
  await configureAgainstSandbox(h);
  // Short waits, so the matrix runs in seconds (kept across worker restarts).
  await hooks(`setOutboxTiming({ settleMs: ${SETTLE_MS}, backoffBaseMs: 200 })`);
}, 60_000);
afterAll(async () => h?.close());
trackForScreenshots(() => h);
beforeEach(async () => {
  await clearFaults();
});

describe('outbox e2e', () => {
  it('creates an incident through the worker: in the sandbox, correctly signed, linked', async () => {
    const id = await create('Signed and delivered');
    const done = await waitFor(id, ['created']);
    const [incident] = await withRef(id);
    expect(incident).toBeDefined();
    expect(done).toMatchObject({ apiId: incident?.unique_id, readableId: incident?.readable_id });
    expect(done.link).toBe(`${h.sandbox.url}/cftr/incidents/${incident?.unique_id}/`);
    const logged = (await creates()).filter((r) => r.body?.description?.includes(id));
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ signature: 'ok', status: 201 });
  });

  it('429 three times then OK: one incident', async () => {
    await addFault({ method: 'POST', path: CREATE_PATH, action: 'status', status: 429, times: 3 });
    const id = await create('Throttled');
    const done = await waitFor(id, ['created']);
    expect(done.attempts).toBe(4);
    expect(await withRef(id)).toHaveLength(1);
  });

  it('500: retried and created once', async () => {
    await addFault({ method: 'POST', path: CREATE_PATH, action: 'status', status: 500, times: 1 });
    const id = await create('Server error');
    await waitFor(id, ['created']);
    expect(await withRef(id)).toHaveLength(1);
  });

  it('HTML 403 from an access proxy: says so and keeps the item queued', async () => {
    await addFault({ method: 'POST', path: CREATE_PATH, action: 'html403' });
    const id = await create('Behind Cloudflare Access');
    const deadline = Date.now() + 15_000;
    let current = await item(id);
    while ((current?.attempts ?? 0) < 2 && Date.now() < deadline) {
      await sleep(100);
      current = await item(id);
    }
    expect(current?.state === 'queued' || current?.state === 'sending').toBe(true);
    expect(current?.attempts).toBeGreaterThanOrEqual(2);
    expect(current?.error?.kind).toBe('blocked-by-access-proxy');
    expect(current?.error?.message).toMatch(/Cloudflare Access|access proxy/i);
    expect(await withRef(id)).toHaveLength(0);
    expect(await hooks<number>('outboxCount()')).toBeGreaterThanOrEqual(1);
    // Once the proxy lets requests through, the kept item goes out.
    await clearFaults();
    await waitFor(id, ['created']);
    expect(await withRef(id)).toHaveLength(1);
  });

  it('connection dropped after the create: exactly one incident with that reference', async () => {
    // On a REUSED keep-alive connection that closes before any response byte, Chromium itself
    // re-sends the POST (net::HttpNetworkTransaction::ShouldResendRequest), and Respond gets
    // it twice before the extension hears anything: no client code can prevent that. What the
    // extension owns is a drop on a fresh connection, so let the sandbox close idle sockets
    // first (Node's keepAliveTimeout is 5 s; 5.5 s proved too tight for Chromium to notice).
    await sleep(9_000);
    await addFault({ method: 'POST', path: CREATE_PATH, action: 'drop', times: 1 });
    const id = await create('Dropped answer');
    await waitFor(id, ['created']);
    expect(await withRef(id)).toHaveLength(1);
  });

  it("400: failed with the server's field errors", async () => {
    await addFault({ method: 'POST', path: CREATE_PATH, action: 'status', status: 400, times: 1 });
    const id = await create('Refused');
    const failed = await waitFor(id, ['failed']);
    expect(failed.error).toMatchObject({ kind: 'bad-request', status: 400 });
    expect(`${failed.error?.message} ${failed.error?.detail}`).toContain(
      'Ensure this field has no more than 255 characters.',
    );
    // Kept for a manual retry, which then goes through.
    const retried = await send<HistoryItem>('history.retry', { id });
    expect(retried.state).toBe('queued');
    await waitFor(id, ['created']);
    expect(await withRef(id)).toHaveLength(1);
  });

  it('worker killed between enqueue and send, and again mid-request, 20 times: exactly 20 incidents', async () => {
    const before = (await incidents()).length;
    const ids: string[] = [];
    for (let round = 0; round < 20; round++) {
      await hooks('pauseOutbox(true)');
      const id = await create(`Kill test ${round + 1}`);
      ids.push(id);
      // 1. Killed between enqueue and send: the item is only in IndexedDB.
      await h.stopWorker();
      // The restarted worker sends at once; the sandbox holds that request.
      await addFault({
        method: 'POST',
        path: CREATE_PATH,
        action: 'delay',
        delayMs: SLOW_CREATE_MS,
        times: 1,
      });
      await h.worker();
      const deadline = Date.now() + 10_000;
      while (!(await creates()).some((r) => r.body?.description?.includes(id))) {
        if (Date.now() > deadline) throw new Error(`round ${round + 1}: the create never went out`);
        await sleep(20);
      }
      // 2. Killed in the middle of that request.
      await h.stopWorker();
      await h.worker();
      await waitFor(id, ['created'], 20_000);
    }
    const all = await incidents();
    expect(all.length - before).toBe(20);
    const refs = all.map((i) => /Bridge-Ref: (\S+)/.exec(i.description)?.[1]);
    expect(new Set(refs).size).toBe(refs.length);
    for (const id of ids) expect(refs.filter((r) => r === id)).toHaveLength(1);
    expect(await hooks<number>('outboxCount()')).toBe(0);
  }, 300_000);
});
