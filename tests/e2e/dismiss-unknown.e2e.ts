import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FaultRule } from '../../sandbox/index';
import type { HistoryItem } from '../../utils/model/incident';
import { configureAgainstSandbox, sendFromPage } from './configure';
import { launchHarness, SCREENSHOT_DIR, type Harness } from './harness';
import { trackForScreenshots } from './setup';

/**
 * Dismissing an incident whose outcome is unknown, in the built popup against the sandbox: the
 * create answers 504 (it may have been carried out), then the reconciliation search is refused
 * (401), so the item is parked as failed with its outcome still unknown. Dismiss must ask first,
 * Keep it must keep it, and Dismiss anyway must forget it.
 */

const CREATE_PATH = '/cftrapi/openapi/v1/incident/';
const WARNING =
  'This incident may already exist in Respond; dismissing forgets it here but does not delete it there.';

let h: Harness;
let driver: Page;

async function control(path: string, init?: RequestInit): Promise<void> {
  const res = await fetch(`${h.sandbox.url}/__sandbox/${path}`, init);
  if (!res.ok) throw new Error(`sandbox ${path}: ${res.status} ${await res.text()}`);
}
const addFault = (rule: FaultRule) =>
  control('faults', { method: 'POST', body: JSON.stringify(rule) });

async function send<T>(type: string, payload: unknown): Promise<T> {
  const answer = (await sendFromPage(driver, type, payload)) as
    { ok: true; data: T } | { ok: false; error: { code: string; message: string } };
  if (!answer.ok) throw new Error(`${type}: ${answer.error.code} ${answer.error.message}`);
  return answer.data;
}

const getItem = async (id: string) =>
  (await send<{ item: HistoryItem | null }>('incident.get', { id })).item;

/** A page-flow create, as the review sends it (no IOCs: only the outbox is under test). */
const createFromPage = (requestId: string, title: string, path: string) =>
  send('incident.create', {
    incident: {
      requestId,
      title,
      description: 'Raised by the outbox e2e tests.',
      iocs: [],
      source: {
        kind: 'page',
        url: `https://news.example.org/${path}`,
        pageTitle: path,
        host: 'news.example.org',
        ctixObjectIds: [],
      },
    },
  });

const hooks = <T>(expression: string) => h.evalWorker<T>(`globalThis.__bridgeTest.${expression}`);

beforeAll(async () => {
  h = await launchHarness();
  await configureAgainstSandbox(h);
  await hooks(`setOutboxTiming({ settleMs: 300, backoffBaseMs: 200 })`);
  driver = await h.openExtensionPage('popup.html');
}, 60_000);
afterAll(async () => h?.close());
trackForScreenshots(() => h);

describe('dismissing an incident of unknown outcome', () => {
  it('asks first in the popup; Keep it keeps it, Dismiss anyway removes it', async () => {
    await addFault({ method: 'POST', path: CREATE_PATH, action: 'status', status: 504, times: 1 });
    await addFault({ method: 'GET', path: CREATE_PATH, action: 'status', status: 401 });
    const id = randomUUID();
    await createFromPage(id, 'Maybe in Respond', 'x');
    await expect
      .poll(async () => (await getItem(id))?.state, { timeout: 20_000, interval: 100 })
      .toBe('failed');
    expect(await getItem(id)).toMatchObject({ outcomeUnknown: true });
    await control('faults', { method: 'DELETE' });

    // The worker itself refuses without the confirmation flag.
    const refused = (await sendFromPage(driver, 'history.dismiss', { id })) as {
      ok: boolean;
      error?: { message: string };
    };
    expect(refused.ok).toBe(false);
    expect(refused.error?.message).toContain('may already exist in Respond');

    const popup = await h.browser.newPage();
    await popup.setViewport({ width: 400, height: 600 });
    await popup.goto(`${h.extensionOrigin}/popup.html`, { waitUntil: 'domcontentloaded' });
    const dismiss = '.row--failed button[aria-label="Dismiss “Maybe in Respond”"]';
    await popup.waitForSelector(dismiss);
    await popup.click(dismiss);
    await popup.waitForSelector('.row-confirm');
    expect(await popup.$eval('.row-confirm', (e) => e.textContent)).toContain(WARNING);
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await popup.screenshot({ path: join(SCREENSHOT_DIR, 'dismiss-unknown-confirm.png') });

    const clickButton = (text: string) =>
      popup.$$eval(
        '.row-confirm button',
        (buttons, t) => buttons.find((b) => b.textContent === t)?.click(),
        text,
      );

    // Keep it: nothing is sent, the row stays.
    await clickButton('Keep it');
    await popup.waitForFunction(() => document.querySelector('.row-confirm') === null);
    expect(await popup.$(dismiss)).not.toBeNull();
    expect(await getItem(id)).toMatchObject({ id, state: 'failed' });

    // Dismiss anyway: gone from the popup and from the worker's history.
    await popup.click(dismiss);
    await popup.waitForSelector('.row-confirm');
    await clickButton('Dismiss anyway');
    await popup.waitForFunction(() => document.querySelector('.row--failed') === null);
    expect(await getItem(id)).toBeNull();
    await popup.close();
  });
});

describe('pruning the history past its limit (5,000 rows)', () => {
  it('keeps a failed incident that was never sent, and its outbox item, even as the oldest row', async () => {
    // A create Respond refuses (400): parked as failed, never sent.
    await addFault({ method: 'POST', path: CREATE_PATH, action: 'status', status: 400, times: 1 });
    const failedId = randomUUID();
    await createFromPage(failedId, 'Refused, never sent', 'refused');
    await expect
      .poll(async () => (await getItem(failedId))?.state, { timeout: 20_000, interval: 100 })
      .toBe('failed');
    await control('faults', { method: 'DELETE' });
    const failed = await getItem(failedId);

    // 5,000 created incidents, all newer: the failed row is now the oldest of 5,001.
    await hooks(`seedHistory(5000, ${failed?.createdAt ?? 0})`);
    const total = async () =>
      (await send<{ total: number }>('history.list', { query: '', offset: 0, limit: 1 })).total;
    expect(await total()).toBeGreaterThanOrEqual(5001);

    // One more create: the insert prunes what is over the limit, oldest first.
    const nextId = randomUUID();
    await createFromPage(nextId, 'The one past the limit', 'next');
    await expect
      .poll(async () => (await getItem(nextId))?.state, { timeout: 20_000, interval: 100 })
      .toBe('created');

    // Pruned: created rows only. The failed one stays, with its outbox item to retry from.
    expect(await total()).toBe(5000);
    expect(await getItem(failedId)).toMatchObject({ id: failedId, state: 'failed' });
    const items = await hooks<{ id: string; parked: boolean }[]>('outboxItems()');
    expect(items.find((i) => i.id === failedId)).toMatchObject({ parked: true });
  }, 90_000);
});
