import { randomUUID } from 'node:crypto';
import type { Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FaultRule } from '../../sandbox/index';
import type { HistoryItem } from '../../utils/model/incident';
import { configureAgainstSandbox, sendFromPage } from './configure';
import { launchHarness, type Harness } from './harness';
import { trackForScreenshots } from './setup';

/**
 * Exactly once at the edges (issue 17), in the built extension in Chromium against the
 * sandbox: a server that answers after the request timeout, a busy tenant (2,100 incidents
 * newer than ours), and an answer dropped on a reused keep-alive connection, which Chromium
 * itself answers by sending the POST again.
 */

const CREATE_PATH = '/cftrapi/openapi/v1/incident/';
const NOT_SURE = 'Not sure it was created; checking';

let h: Harness;
let driver: Page;

async function control(path: string, init?: RequestInit): Promise<unknown> {
  const res = await fetch(`${h.sandbox.url}/__sandbox/${path}`, init);
  if (!res.ok) throw new Error(`sandbox ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}
const addFault = (rule: FaultRule) =>
  control('faults', { method: 'POST', body: JSON.stringify(rule) });

interface SandboxIncident {
  unique_id: string;
  readable_id: string;
  description: string;
  created: number;
}
const incidents = async () =>
  ((await control('incidents')) as { results: SandboxIncident[] }).results;
const withRef = async (id: string) =>
  (await incidents()).filter((i) => i.description.includes(`Bridge-Ref: ${id}`));
const posts = async () =>
  (
    (await control(`requests?path=${encodeURIComponent(CREATE_PATH)}`)) as {
      results: { method: string; status: number | null }[];
    }
  ).results.filter((r) => r.method === 'POST');

async function send<T>(type: string, payload: unknown): Promise<T> {
  const answer = (await sendFromPage(driver, type, payload)) as
    { ok: true; data: T } | { ok: false; error: { code: string; message: string } };
  if (!answer.ok) throw new Error(`${type}: ${answer.error.code} ${answer.error.message}`);
  return answer.data;
}

const getItem = async (id: string) =>
  (await send<{ item: HistoryItem | null }>('incident.get', { id })).item;

const hooks = <T>(expression: string) => h.evalWorker<T>(`globalThis.__bridgeTest.${expression}`);

async function createIncident(title: string): Promise<string> {
  const id = randomUUID();
  await send('incident.create', {
    incident: {
      requestId: id,
      title,
      description: 'Raised by the outbox edges e2e test.',
      iocs: [],
      source: {
        kind: 'page',
        url: 'https://news.example.org/x',
        pageTitle: 'x',
        host: 'news.example.org',
        ctixObjectIds: [],
      },
    },
  });
  return id;
}

async function openPopup(): Promise<Page> {
  const popup = await h.browser.newPage();
  await popup.setViewport({ width: 400, height: 600 });
  await popup.goto(`${h.extensionOrigin}/popup.html`, { waitUntil: 'domcontentloaded' });
  return popup;
}

const rowState = (popup: Page, id: string) =>
  popup.$eval(`li[data-id="${id}"] .state`, (e) => e.textContent).catch(() => null);

beforeAll(async () => {
  h = await launchHarness();
  await configureAgainstSandbox(h);
  driver = await h.openExtensionPage('popup.html');
}, 60_000);
afterAll(async () => h?.close());
trackForScreenshots(() => h);

describe('outbox edges in Chromium', () => {
  it('an answer after 40 s (timeout 30 s, default settle): one incident, adopted', async () => {
    // Product timing: the request timeout and the settle wait are the shipped defaults.
    await addFault({
      method: 'POST',
      path: CREATE_PATH,
      action: 'delay',
      delayMs: 40_000,
      times: 1,
    });
    const started = Date.now();
    const id = await createIncident('Slow server');
    const popup = await openPopup();
    // After the 30 s timeout the row says it is not sure, and nothing is sent again.
    await expect.poll(() => rowState(popup, id), { timeout: 40_000, interval: 500 }).toBe(NOT_SURE);
    expect(Date.now() - started).toBeGreaterThanOrEqual(29_000);
    await h.screenshot(popup, 'outbox-edges-not-sure');
    await expect
      .poll(async () => (await getItem(id))?.state, { timeout: 60_000, interval: 500 })
      .toBe('created');
    const mine = await withRef(id);
    expect(mine).toHaveLength(1);
    expect(await getItem(id)).toMatchObject({ apiId: mine[0]?.unique_id });
    expect(await posts()).toHaveLength(1);
    expect(await rowState(popup, id)).toBe('Created');
    await popup.close();
  }, 150_000);

  it('2,100 newer incidents: found by a search that widens in time, never resent', async () => {
    await control('reset', { method: 'POST' });
    await hooks(`setOutboxTiming({ timeoutMs: 1500, settleMs: 6000, backoffBaseMs: 200 })`);
    await addFault({ method: 'POST', path: CREATE_PATH, action: 'delay', delayMs: 3000, times: 1 });
    const id = await createIncident('Busy tenant');
    await expect.poll(async () => (await withRef(id)).length, { timeout: 10_000 }).toBe(1);
    const [mine] = await withRef(id);
    await control('incidents', {
      method: 'POST',
      body: JSON.stringify({ count: 2_100, created: mine!.created + 1 }),
    });
    // The failing case holds: newest first, ours is past the old 20 × 100 horizon.
    const newestFirst = (await incidents()).toSorted((a, b) => b.created - a.created);
    expect(newestFirst.findIndex((i) => i.unique_id === mine!.unique_id)).toBe(2_100);

    await expect
      .poll(async () => (await getItem(id))?.state, { timeout: 30_000, interval: 250 })
      .toBe('created');
    expect(await getItem(id)).toMatchObject({ apiId: mine!.unique_id });
    expect(await withRef(id)).toHaveLength(1);
    expect(await posts()).toHaveLength(1);
  }, 60_000);

  it('a drop on a reused connection: Chromium re-sends, the row shows both IDs', async () => {
    await control('reset', { method: 'POST' });
    await hooks(`setOutboxTiming({ timeoutMs: 30000, settleMs: 2000, backoffBaseMs: 200 })`);
    // A request right before leaves an idle keep-alive connection to the sandbox.
    await send('connection.test', { product: 'cftr' });
    await addFault({ method: 'POST', path: CREATE_PATH, action: 'drop', times: 1 });
    const id = await createIncident('Dropped answer');
    await expect
      .poll(async () => (await getItem(id))?.state, { timeout: 20_000, interval: 250 })
      .toBe('created');
    // The browser sent the POST twice by itself: two incidents carry the reference.
    const both = await withRef(id);
    expect(both).toHaveLength(2);
    expect(await posts()).toHaveLength(2);
    await expect
      .poll(async () => (await getItem(id))?.duplicates?.length, { timeout: 10_000 })
      .toBe(1);
    const row = await getItem(id);
    const ids = [row?.apiId, row?.duplicates?.[0]?.apiId].toSorted();
    expect(ids).toEqual(both.map((i) => i.unique_id).toSorted());

    const popup = await openPopup();
    await expect.poll(() => rowState(popup, id), { timeout: 10_000 }).toBe('Created twice');
    const reason = await popup.$eval(`li[data-id="${id}"] .row-reason p`, (e) => e.textContent);
    for (const incident of both) expect(reason).toContain(incident.readable_id);
    await h.screenshot(popup, 'outbox-edges-created-twice');
    await popup.close();
  }, 60_000);
});
