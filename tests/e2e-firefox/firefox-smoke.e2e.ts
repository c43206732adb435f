import type { Browser } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/index';
import type { SandboxIncident } from '../e2e/sandbox-incidents';
import {
  click,
  clickInReview,
  GECKO_ID,
  launchFirefox,
  open,
  READY,
  reviewFrame,
  stateIs,
  textOf,
  typeInto,
  waitFor,
  waitForText,
  type Firefox,
  servePage,
} from './firefox';

/**
 * The production Firefox build in real headless Firefox ESR, driven by puppeteer over WebDriver
 * BiDi as ../shared/docs/browser-testing.md describes: installed as a temporary add-on, its page
 * origin pinned with `extensions.webextensions.uuids`, against a fresh sandbox. The tests run in
 * order, as a new admin and analyst would: install, set up both connections through the options
 * page, test them, create an incident from a page flow's framed review, find it in the popup,
 * and create one from the fallback review window of a page that cannot host the frame.
 *
 * BiDi reaches no background script and cannot click the native context menu, so the page flow
 * starts the way the popup's "Create from this page" button does: the `flow.startPage` message
 * from an extension page, which runs the same handler as the menu item.
 */
interface LoggedRequest {
  product: string;
  path: string;
  signature: string | null;
}

describe('the production build in Firefox ESR', () => {
  let firefox: Firefox;
  let browser: Browser;
  let installedId: string;
  let sandbox: Sandbox;

  const sandboxGet = async <T>(path: string): Promise<T> =>
    (await (await fetch(`${sandbox.url}${path}`)).json()) as T;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0 });
    firefox = await launchFirefox();
    browser = firefox.browser;
    installedId = firefox.installedId;
  });
  afterAll(async () => {
    await firefox?.close();
    await sandbox?.stop();
  });

  let createdReadableId = '';
  const incidents = async () =>
    (await sandboxGet<{ results: SandboxIncident[] }>('/__sandbox/incidents')).results;

  /**
   * Starts the page flow for the tab showing `url`, as the popup's "Create from this page"
   * does: the `flow.startPage` message from an extension page.
   */
  async function startPageFlow(url: string): Promise<unknown> {
    const starter = await open(browser, 'options.html');
    await starter.waitForSelector('#ctix-baseUrl', { timeout: 20_000 });
    try {
      return await starter.evaluate(async (pageUrl: string) => {
        const api = (
          globalThis as unknown as {
            browser: {
              tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> };
              runtime: { sendMessage(m: unknown): Promise<unknown> };
            };
          }
        ).browser;
        // Match patterns leave out ports in Firefox: compare the tab URLs (our host access shows them).
        const found = (await api.tabs.query({})).find((t) => t.url === pageUrl);
        if (found?.id === undefined) return { ok: false, error: 'no tab' };
        return api.runtime.sendMessage({
          channel: 'cftr-bridge',
          type: 'flow.startPage',
          payload: { tabId: found.id },
        });
      }, url);
    } finally {
      await starter.close();
    }
  }

  it('installs under its fixed add-on ID', () => {
    expect(GECKO_ID).toBe('cftr-incident-bridge@cftr-bridge.addons');
    expect(installedId).toBe(GECKO_ID);
  });

  it('opens the options page, whose settings come from the background', async () => {
    const page = await open(browser, 'options.html');
    // The connection form is drawn only after the worker answered settings.get (checked by the
    // worker's zod schemas, so this also shows the jitless zod build works in Firefox).
    await page.waitForSelector('#ctix-baseUrl', { timeout: 20_000 });
    await page.waitForSelector('.status-items', { timeout: 20_000 });
    expect(await page.title()).toMatch(/CFTR Incident Bridge/);
    await page.close();
  });

  it('opens the popup, which asks to connect Respond when nothing is set up', async () => {
    const page = await open(browser, 'popup.html');
    await page.waitForSelector('::-p-text(Connect to Cyware Respond)', { timeout: 20_000 });
    await page.close();
  });

  it('saves both connections typed into the options page', async () => {
    const page = await open(browser, 'options.html');
    await typeInto(page, '#ctix-baseUrl', sandbox.ctixBase);
    await typeInto(page, '#ctix-accessId', sandbox.credentials.ctix.accessId);
    await typeInto(page, '#ctix-secret', sandbox.credentials.ctix.secret);
    await typeInto(page, '#cftr-baseUrl', sandbox.cftrBase);
    await typeInto(page, '#cftr-accessId', sandbox.credentials.cftr.accessId);
    await typeInto(page, '#cftr-secret', sandbox.credentials.cftr.secret);
    await waitForText(page, '#unsaved-changes', /Intel Exchange connection, Respond connection/);
    // Save asks for the two tenant origins (permissions.request answers without a prompt here).
    await click(page, '#save-button');
    expect(await waitForText(page, '#save-notice', /Settings saved|Nothing was saved/)).toBe(
      'Settings saved.',
    );
    expect(await textOf(page, '#ctix-secret-status')).toMatch(/set on \w+/);
    expect(await page.$('#ctix-secret')).toBeNull();
    await page.close();
  });

  it('tests both connections with requests the sandbox verifies as correctly signed', async () => {
    const page = await open(browser, 'options.html');
    await click(page, '#ctix-test');
    expect(await waitForText(page, '#ctix-test-result', /^(OK|Failed|Not|Browser)/)).toMatch(
      /^OK in \d+ ms\. The tenant answered and accepted the API key\.$/,
    );
    await click(page, '#cftr-test');
    expect(await waitForText(page, '#cftr-test-result', /^(OK|Failed|Not|Browser)/)).toMatch(
      /^OK in \d+ ms\./,
    );
    await page.close();
    for (const product of ['ctix', 'cftr']) {
      const { results } = await sandboxGet<{ results: LoggedRequest[] }>(
        `/__sandbox/requests?product=${product}`,
      );
      expect(results.length, product).toBeGreaterThan(0);
      expect(results.map((r) => r.signature)).toEqual(results.map(() => 'ok'));
    }
  });

  it('a page flow opens the review framed over the page; Create makes one incident in Respond', async () => {
    const tab = await browser.newPage();
    const pageUrl = `${sandbox.url}/pages/plain.html`;
    await tab.goto(pageUrl, { waitUntil: 'domcontentloaded' });
    const before = (await incidents()).length;
    expect(await startPageFlow(pageUrl)).toMatchObject({ ok: true, data: { started: true } });
    await tab.bringToFront();

    // The review is our page, framed over the web page.
    const review = await reviewFrame(tab);
    await stateIs(review, READY);
    const draft = await review.evaluate(() => ({
      title: (document.querySelector('input[type=text]') as HTMLInputElement | null)?.value ?? '',
      checked: [...document.querySelectorAll('.ioc-row')]
        .filter((row) => (row.querySelector('input') as HTMLInputElement | null)?.checked)
        .map((row) => row.getAttribute('data-value') ?? ''),
    }));
    expect(draft.checked.length).toBeGreaterThan(0);
    await clickInReview(tab, review, 'button[type=submit]');
    await stateIs(review, ['done']);
    const created = (await incidents()).slice(before);
    expect(created).toHaveLength(1);
    expect(created[0]?.title).toBe(draft.title);
    const sent = Object.values(created[0]?.body.threat_intel ?? {}).flat();
    expect(sent.toSorted()).toEqual(draft.checked.toSorted());
    // The dialog shows the readable ID Respond gave, linked to the incident.
    expect(await review.evaluate(() => document.querySelector('a.readable-id')?.textContent)).toBe(
      created[0]?.readable_id,
    );
    createdReadableId = created[0]?.readable_id ?? '';
    await tab.close();
  });

  it('the popup lists the new incident with its readable ID', async () => {
    const popup = await open(browser, 'popup.html');
    const rows = await waitFor(
      () =>
        popup
          .$$eval('.incident-list > li .row-id', (els) => els.map((e) => e.textContent ?? ''))
          .catch(() => [] as string[]),
      (ids) => ids.length > 0,
    );
    expect(createdReadableId).not.toBe('');
    expect(rows).toEqual([createdReadableId]);
    await popup.close();
  });
  it('a page whose CSP sandboxes its frames gets the review in a window; Create works there', async () => {
    // Served here with the CSP (the sandbox has no such page); Firefox's host permission for
    // the sandbox's 127.0.0.1 covers every port, as match patterns leave ports out.
    const server = await servePage(
      'sandbox allow-same-origin',
      '<!doctype html><title>CSP sandbox</title><h1>CSP sandbox</h1><p>C2 at 45.137.21.9</p>',
    );
    try {
      const tab = await browser.newPage();
      await tab.goto(server.url, { waitUntil: 'domcontentloaded' });
      const before = (await incidents()).length;
      const pagesBefore = new Set(await browser.pages());
      expect(await startPageFlow(server.url)).toMatchObject({ ok: true, data: { started: true } });
      // After the frame's deadline (5 s) the review opens in an extension window of its own.
      const win = await waitFor(
        async () => {
          for (const page of await browser.pages()) {
            if (pagesBefore.has(page)) continue;
            const href = await page.evaluate(() => location.href).catch(() => page.url());
            if (/\/review\.html\?id=[^&]+$/.test(href)) return page;
          }
          return null;
        },
        (page) => page !== null,
        'the review window',
      );
      if (!win) throw new Error('no review window');
      await stateIs(win, READY);
      await win.bringToFront();
      await clickInReview(win, win, 'button[type=submit]');
      await stateIs(win, ['done']);
      const created = (await incidents()).slice(before);
      expect(created).toHaveLength(1);
      expect(Object.values(created[0]?.body.threat_intel ?? {}).flat()).toContain('45.137.21.9');
      // Nothing of ours is left in the page.
      expect(await tab.evaluate(() => !!document.querySelector('cftr-review-frame'))).toBe(false);
      await win.close().catch(() => undefined);
      await tab.close();
    } finally {
      await server.stop();
    }
  });
});
