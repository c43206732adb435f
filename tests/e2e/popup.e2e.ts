import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HistoryItem } from '../../utils/model/incident';
import type { MessageResult } from '../../utils/messaging/contract';
import { configureAgainstSandbox, sendFromPage } from './configure';
import { waitForDialog } from './review-frame';
import { launchHarness, type Harness } from './harness';
import { trackForScreenshots } from './setup';

/**
 * The popup of the built extension, against the sandbox: setup empty state, the history newest
 * first with Respond's readable IDs, open / copy / retry / dismiss, search, live updates,
 * keyboard use, and an axe run in light and dark. Incidents are created through the worker's
 * incident.create message (the page flows are tested in their own files).
 */

const POPUP_VIEWPORT = { width: 400, height: 600 };

const sleep = (ms: number) => new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), ms));

interface SandboxIncident {
  unique_id: string;
  readable_id: string;
  title: string;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** A local calendar date `days` from today, as the settings store it (YYYY-MM-DD). */
function dateInDays(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() + days);
  return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())}`;
}

/** Readable IDs (or "No ID yet") of the rows, top to bottom. */
async function rowIds(page: Page): Promise<string[]> {
  return page.$$eval('.incident-list > li .row-id', (els) => els.map((e) => e.textContent ?? ''));
}

async function rowText(page: Page, title: string): Promise<string> {
  return page.$$eval(
    '.incident-list > li',
    (els, t) =>
      els.find((e) => e.querySelector('.row-title')?.textContent === t)?.textContent ?? '',
    title,
  );
}

async function runAxe(page: Page) {
  const require = createRequire(import.meta.url);
  const source = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.addScriptTag({ content: source });
  return page.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: {
          run(): Promise<{
            violations: { id: string; help: string; nodes: { html: string }[] }[];
          }>;
        };
      }
    ).axe;
    const result = await axe.run();
    return result.violations.map((v) => ({
      id: v.id,
      help: v.help,
      nodes: v.nodes.map((n) => n.html).slice(0, 3),
    }));
  });
}

describe('the popup', () => {
  let h: Harness;
  /** An extension page used only to talk to the worker like the popup does. */
  let driver: Page;

  beforeAll(async () => {
    h = await launchHarness();
    driver = await h.openExtensionPage('popup.html');
  });
  afterAll(async () => h?.close());
  trackForScreenshots(() => h);

  async function send<T>(type: string, payload: unknown): Promise<T> {
    const result = (await sendFromPage(driver, type, payload)) as MessageResult;
    if (!result.ok) throw new Error(`${type}: ${result.error.code} ${result.error.message}`);
    return result.data as T;
  }

  async function configure(): Promise<void> {
    await configureAgainstSandbox(h, {
      cftr: {
        baseUrl: h.sandbox.cftrBase,
        accessId: h.sandbox.credentials.cftr.accessId,
        // Within the 7-day window: the status line must warn about it.
        expiresOn: dateInDays(3),
        uiUrl: '',
      },
    });
  }

  async function createIncident(title: string, iocs: { type: string; value: string }[]) {
    return send<HistoryItem>('incident.create', {
      incident: {
        requestId: crypto.randomUUID(),
        title,
        description: `Seen on the report page.`,
        iocs,
        source: {
          kind: 'page',
          url: `${h.sandbox.url}/pages/report.html`,
          pageTitle: 'Weekly threat report',
          host: new URL(h.sandbox.url).host,
          ctixObjectIds: [],
        },
      },
    });
  }

  async function waitForState(id: string, state: HistoryItem['state']): Promise<HistoryItem> {
    let item: HistoryItem | null = null;
    await expect
      .poll(
        async () => {
          item = (await send<{ item: HistoryItem | null }>('incident.get', { id })).item;
          return item?.state;
        },
        { timeout: 20_000, interval: 100 },
      )
      .toBe(state);
    return item as unknown as HistoryItem;
  }

  async function sandboxIncidents(): Promise<SandboxIncident[]> {
    const res = await fetch(`${h.sandbox.url}/__sandbox/incidents`);
    return ((await res.json()) as { results: SandboxIncident[] }).results;
  }

  async function setFault(rule: Record<string, unknown>): Promise<void> {
    const res = await fetch(`${h.sandbox.url}/__sandbox/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(rule),
    });
    expect(res.ok).toBe(true);
  }

  async function clearFaults(): Promise<void> {
    await fetch(`${h.sandbox.url}/__sandbox/faults`, { method: 'DELETE' });
  }

  async function openPopup(scheme: 'light' | 'dark' = 'light'): Promise<Page> {
    const page = await h.browser.newPage();
    await page.setViewport(POPUP_VIEWPORT);
    // The extension's CSP forbids inline scripts, and axe is injected as one.
    await page.setBypassCSP(true);
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
    await page.goto(`${h.extensionOrigin}/popup.html`, { waitUntil: 'domcontentloaded' });
    return page;
  }

  const created: HistoryItem[] = [];

  it('leads to the settings when nothing is set up', async () => {
    const popup = await openPopup();
    await popup.waitForSelector('::-p-text(Connect to Cyware Respond)');
    expect(await runAxe(popup)).toEqual([]);
    await h.screenshot(popup, 'popup-empty');

    const optionsTab = h.browser.waitForTarget(
      (t) => t.url().startsWith(`${h.extensionOrigin}/options.html`) && t.type() === 'page',
      { timeout: 10_000 },
    );
    await popup.click('.empty button');
    await (await (await optionsTab).page())?.close();
    await popup.close();
  });

  it('shows three new incidents newest first, with the sandbox readable IDs', async () => {
    await configure();
    const titles = ['Phishing wave one', 'Botnet C2 beacons', 'Ransomware staging host'];
    const iocs = [
      [{ type: 'domain', value: 'login-paypa1.example' }],
      [
        { type: 'ipv4', value: '203.0.113.77' },
        { type: 'ipv4', value: '203.0.113.78' },
      ],
      [{ type: 'sha256', value: 'a'.repeat(64) }],
    ];
    for (const [i, title] of titles.entries()) {
      const item = await createIncident(title, iocs[i] ?? []);
      created.push(await waitForState(item.id, 'created'));
    }
    const fromSandbox = await sandboxIncidents();
    const readable = titles.map((t) => fromSandbox.find((s) => s.title === t)?.readable_id);
    expect(readable.every((r) => typeof r === 'string' && r.length > 0)).toBe(true);

    const popup = await openPopup();
    await popup.waitForSelector('.incident-list > li');
    expect(await rowIds(popup)).toEqual(readable.toReversed());
    const titlesShown = await popup.$$eval('.row-title', (els) => els.map((e) => e.textContent));
    expect(titlesShown).toEqual(titles.toReversed());

    const second = await rowText(popup, 'Botnet C2 beacons');
    expect(second).toContain('2 IOCs');
    expect(second).toContain('Created');
    expect(second).toContain('Weekly threat report');
    expect(second).toContain(new URL(h.sandbox.url).host);
    // Relative time shown, exact time on hover.
    const timeTitle = await popup.$eval('.row-time', (e) => e.getAttribute('title') ?? '');
    expect(await popup.$eval('.row-time', (e) => e.textContent)).toBe('just now');
    expect(timeTitle.length).toBeGreaterThan(8);

    // Status line: Respond set up, expiry warning, nothing queued.
    const status = await popup.$eval('.status', (e) => e.textContent ?? '');
    expect(status).toContain('Respond');
    expect(status).toMatch(/Respond credentials expire in 3 days/);
    expect(await popup.$('.status-outbox')).toBeNull();

    await h.screenshot(popup, 'popup-populated');
    await popup.close();
  });

  it('opens the incident in Respond when a row is clicked', async () => {
    const newest = created.at(-1);
    if (!newest?.link) throw new Error('the newest incident has no link');
    const fromSandbox = await sandboxIncidents();
    const uid = fromSandbox.find((s) => s.title === newest.title)?.unique_id;
    expect(newest.link).toBe(`${h.sandbox.url}/cftr/incidents/${uid}/`);

    const popup = await openPopup();
    await popup.waitForSelector('.incident-list > li a.row-main');
    const opened = h.browser.waitForTarget((t) => t.url() === newest.link, { timeout: 10_000 });
    await popup.click('.incident-list > li:first-child a.row-main');
    const tab = await (await opened).page();
    if (!tab) throw new Error('no page for the opened tab');
    await tab.waitForSelector('.readable-id');
    expect(await tab.$eval('.readable-id', (e) => e.textContent)).toBe(newest.readableId);
    // The popup itself did not navigate away.
    expect(popup.url()).toBe(`${h.extensionOrigin}/popup.html`);
    await tab.close();
    await popup.close();
  });

  it('copies the readable ID and says so', async () => {
    const context = h.browser.defaultBrowserContext();
    await context.overridePermissions(h.extensionOrigin, [
      'clipboard-read',
      'clipboard-write',
      'clipboard-sanitized-write',
    ]);
    const popup = await openPopup();
    await popup.bringToFront();
    await popup.waitForSelector('.incident-list > li .copy button');
    const label = await popup.$eval('.incident-list > li:first-child .copy button', (b) =>
      b.getAttribute('aria-label'),
    );
    const expected = created.at(-1)?.readableId;
    expect(label).toBe(`Copy ID ${expected}`);
    await popup.click('.incident-list > li:first-child .copy button');
    await popup.waitForSelector('.incident-list > li:first-child ::-p-text(Copied)');
    await h.screenshot(popup, 'popup-copied');
    expect(await popup.evaluate(() => navigator.clipboard.readText())).toBe(expected);
    await popup.close();
  });

  it('finds incidents by IOC value, readable ID and title', async () => {
    const popup = await openPopup();
    await popup.waitForSelector('.incident-list > li');
    await popup.type('input[type=search]', '203.0.113.78');
    await expect.poll(() => rowIds(popup)).toEqual([created[1]?.readableId]);

    await popup.$eval('input[type=search]', (e) => ((e as HTMLInputElement).value = ''));
    await popup.click('input[type=search]', { count: 3 });
    await popup.keyboard.press('Backspace');
    await popup.type('input[type=search]', String(created[0]?.readableId));
    await expect.poll(() => rowIds(popup)).toEqual([created[0]?.readableId]);

    await popup.click('input[type=search]', { count: 3 });
    await popup.keyboard.press('Backspace');
    await popup.type('input[type=search]', 'no such incident anywhere');
    await popup.waitForSelector('::-p-text(No incidents match)');
    expect(await rowIds(popup)).toEqual([]);
    await popup.close();
  });

  it('moves between rows with the arrow keys and opens with Enter', async () => {
    const popup = await openPopup();
    await popup.waitForSelector('.incident-list > li');
    await popup.focus('input[type=search]');
    await popup.keyboard.press('ArrowDown');
    const focusedTitle = () =>
      popup.evaluate(
        () => document.activeElement?.closest('li')?.querySelector('.row-title')?.textContent,
      );
    expect(await focusedTitle()).toBe(created[2]?.title);
    await popup.keyboard.press('ArrowDown');
    expect(await focusedTitle()).toBe(created[1]?.title);
    await popup.keyboard.press('ArrowDown');
    await popup.keyboard.press('ArrowUp');
    expect(await focusedTitle()).toBe(created[1]?.title);

    const link = created[1]?.link ?? '';
    const opened = h.browser.waitForTarget((t) => t.url() === link, { timeout: 10_000 });
    await popup.keyboard.press('Enter');
    await (await (await opened).page())?.close();
    await popup.close();
  });

  it('shows a failed creation with its reason, and retries it once the fault is gone', async () => {
    await setFault({ method: 'POST', path: 'v1/incident/', action: 'status', status: 400 });
    const item = await createIncident('Refused by Respond', [
      { type: 'url', value: 'http://bad.example/x' },
    ]);
    const failed = await waitForState(item.id, 'failed');
    expect(failed.error?.status).toBe(400);

    const popup = await openPopup();
    await popup.waitForSelector('.row--failed');
    const text = await rowText(popup, 'Refused by Respond');
    expect(text).toContain('Failed');
    expect(text).toContain('No ID yet');
    // The reason in the background's words, which name the status.
    expect(text).toContain(failed.error?.message ?? 'no message');
    expect(text).toMatch(/400/);
    const status = await popup.$eval('.status-outbox', (e) => e.textContent);
    expect(status).toBe('1 failed');
    await h.screenshot(popup, 'popup-failed');

    await clearFaults();
    await popup.click('.row--failed button[aria-label^="Retry"]');
    // The same row turns into created, with Respond's readable ID, without reopening.
    await popup.waitForFunction(
      (title) =>
        [...document.querySelectorAll('.incident-list > li')].some(
          (li) =>
            li.querySelector('.row-title')?.textContent === title &&
            li.classList.contains('row--created'),
        ),
      { timeout: 20_000 },
      'Refused by Respond',
    );
    const fromSandbox = await sandboxIncidents();
    const readable = fromSandbox.find((s) => s.title === 'Refused by Respond')?.readable_id;
    expect(readable).toBeTruthy();
    expect(await rowText(popup, 'Refused by Respond')).toContain(String(readable));
    await expect.poll(() => popup.$('.status-outbox')).toBeNull();
    await popup.close();
  });

  it('dismisses a failed incident', async () => {
    await setFault({ method: 'POST', path: 'v1/incident/', action: 'status', status: 400 });
    const item = await createIncident('Dismiss me', []);
    await waitForState(item.id, 'failed');
    await clearFaults();

    const popup = await openPopup();
    await popup.waitForSelector('.row--failed');
    await popup.click('.row--failed button[aria-label^="Dismiss"]');
    await popup.waitForFunction(() => document.querySelector('.row--failed') === null);
    expect(await rowText(popup, 'Dismiss me')).toBe('');
    expect(
      (await send<{ item: HistoryItem | null }>('incident.get', { id: item.id })).item,
    ).toBeNull();
    await popup.close();
  });

  it('turns a queued incident into created while open', async () => {
    const popup = await openPopup();
    await popup.waitForSelector('.incident-list > li');
    // A marker that a reload would wipe: the update must happen in place.
    await popup.evaluate(() => Object.assign(window, { notReloadedMarker: true }));
    await setFault({ method: 'POST', path: 'v1/incident/', action: 'delay', delayMs: 2500 });
    const item = await createIncident('Slow Respond today', [
      { type: 'cve', value: 'CVE-2024-3094' },
    ]);

    await popup.waitForFunction(
      () => {
        const li = document.querySelector('.incident-list > li');
        return (
          li?.querySelector('.row-title')?.textContent === 'Slow Respond today' &&
          (li.classList.contains('row--queued') || li.classList.contains('row--sending'))
        );
      },
      { timeout: 10_000 },
    );
    const pending = await rowText(popup, 'Slow Respond today');
    expect(pending).toMatch(/Queued|Sending/);
    expect(pending).toContain('No ID yet');

    const done = await waitForState(item.id, 'created');
    await popup.waitForFunction(
      () => document.querySelector('.incident-list > li')?.classList.contains('row--created'),
      { timeout: 10_000 },
    );
    expect(await rowIds(popup).then((ids) => ids[0])).toBe(done.readableId);
    expect(
      await popup.evaluate(() => (window as { notReloadedMarker?: boolean }).notReloadedMarker),
    ).toBe(true);
    await clearFaults();
    await popup.close();
  });

  it('starts the page flow for the tab in front from the real toolbar popup, then closes', async () => {
    await configure();
    const tab = await h.openUrl(`${h.sandbox.url}/pages/report.html`);
    await tab.bringToFront();
    const extension = (await h.browser.extensions()).get(h.extensionId);
    if (!extension) throw new Error('extension not found');
    // Other popup.html tabs (the driver) are pages too: wait for a new one.
    const before = new Set(h.browser.targets());
    const popupTarget = h.browser.waitForTarget(
      (t) => !before.has(t) && t.url() === `${h.extensionOrigin}/popup.html` && t.type() === 'page',
      { timeout: 10_000 },
    );
    await extension.triggerAction(tab);
    const target = await popupTarget;
    const popup = await target.asPage();
    await popup.waitForSelector('.create button:not([disabled])');
    const closed = new Promise<void>((resolve) => popup.once('close', () => resolve()));
    await popup.click('.create button');
    // The background took over: the popup closed itself, and the review opened in that tab.
    await expect(Promise.race([closed.then(() => 'closed'), sleep(10_000)])).resolves.toBe(
      'closed',
    );
    await waitForDialog(tab);
    await tab.close();
  });

  it('passes axe in light and dark, and draws the dark theme', async () => {
    // One failed row, so its reason and buttons are checked too.
    await setFault({ method: 'POST', path: 'v1/incident/', action: 'status', status: 400 });
    const item = await createIncident('Refused again', []);
    await waitForState(item.id, 'failed');
    await clearFaults();

    for (const scheme of ['light', 'dark'] as const) {
      const popup = await openPopup(scheme);
      await popup.waitForSelector('.row--failed');
      await popup.waitForSelector('.status');
      const background = await popup.evaluate(
        () => getComputedStyle(document.body).backgroundColor,
      );
      expect(background).toBe(scheme === 'dark' ? 'rgb(21, 23, 28)' : 'rgb(255, 255, 255)');
      if (scheme === 'dark') await h.screenshot(popup, 'popup-dark');
      expect(await runAxe(popup)).toEqual([]);
      await popup.close();
    }
  });

  // Last: the seeded rows are as new as the ones above and would reorder them.
  it('pages through 1,000 incidents: 50 first, more as the list scrolls, search over all', async () => {
    await h.evalWorker('globalThis.__bridgeTest.seedHistory(1000)');
    const popup = await openPopup();
    await popup.waitForSelector('.load-more');
    const rows = () => popup.$$eval('.incident-list > li', (els) => els.length);
    expect(await rows()).toBe(50);
    const total = await popup.$eval('.list-heading .count', (e) => Number(e.textContent));
    expect(total).toBeGreaterThanOrEqual(1000);
    expect(await popup.$eval('.load-more', (e) => e.textContent)).toBe(
      `Load more (50 of ${total})`,
    );

    // Scrolling to the end loads the next page by itself.
    await popup.$eval('.list-area', (e) => e.scrollTo({ top: e.scrollHeight }));
    await expect.poll(rows, { timeout: 10_000 }).toBe(100);

    await popup.type('input[type=search]', 'host-999.example');
    await expect.poll(() => rowIds(popup)).toEqual(['SEED1000']);
    await popup.close();
  });
});
