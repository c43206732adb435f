import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { launch, type Browser, type Frame, type Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/index';
import type { SandboxIncident } from '../e2e/sandbox-incidents';

/**
 * The production Firefox build in real headless Firefox ESR, driven by puppeteer over WebDriver
 * BiDi as ../shared/docs/browser-testing.md describes: installed as a temporary add-on, its page
 * origin pinned with `extensions.webextensions.uuids`, against a fresh sandbox. The tests run in
 * order, as a new admin and analyst would: install, set up both connections through the options
 * page, test them, start a page flow and get its review.
 *
 * BiDi reaches no background script and cannot click the native context menu, so the page flow
 * starts the way the popup's "Create from this page" button does: the `flow.startPage` message
 * from an extension page, which runs the same handler as the menu item.
 */
const ROOT = resolve(import.meta.dirname, '../..');
const BUILD = resolve(ROOT, process.env.BRIDGE_FIREFOX_BUILD ?? '.output/firefox-mv3');
const FIREFOX =
  process.env.FIREFOX_PATH ??
  ['/usr/bin/firefox-esr', '/usr/bin/firefox'].find((p) => existsSync(p)) ??
  '';
const UUID = '6f1c2a9e-0b7d-4c53-9a41-3e2f8d5b7c10';
const ORIGIN = `moz-extension://${UUID}`;

const manifest = JSON.parse(readFileSync(join(BUILD, 'manifest.json'), 'utf8')) as {
  browser_specific_settings: { gecko: { id: string; strict_min_version: string } };
};
const GECKO_ID = manifest.browser_specific_settings.gecko.id;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** An element's text with whitespace collapsed; '' when it is not there (yet). */
async function textOf(page: Page | Frame, selector: string): Promise<string> {
  return page
    .$eval(selector, (el) => el.textContent ?? '')
    .then((t) => t.replace(/\s+/g, ' ').trim())
    .catch(() => '');
}

async function waitForText(page: Page | Frame, selector: string, pattern: RegExp): Promise<string> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const text = await textOf(page, selector);
    if (pattern.test(text)) return text;
    if (Date.now() > deadline) throw new Error(`${selector}: "${text}" never matched ${pattern}`);
    await sleep(100);
  }
}

/** Types like a user: focus, select all, delete, type. */
async function typeInto(page: Page, selector: string, value: string): Promise<void> {
  const handle = await page.waitForSelector(selector, { timeout: 20_000 });
  if (!handle) throw new Error(`No ${selector}`);
  await handle.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await handle.click({ count: 3 });
  await page.keyboard.press('Backspace');
  await page.keyboard.type(value);
}

async function click(page: Page | Frame, selector: string): Promise<void> {
  const handle = await page.waitForSelector(selector, { timeout: 20_000 });
  if (!handle) throw new Error(`No ${selector}`);
  await handle.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await handle.click();
}

interface LoggedRequest {
  product: string;
  path: string;
  signature: string | null;
}

async function open(browser: Browser, path: string): Promise<Page> {
  const page = await browser.newPage();
  // BiDi may never report the navigation's end for moz-extension:// pages here: start it with a
  // short timeout and let the caller wait for content (a page that never loads fails there).
  await page
    .goto(`${ORIGIN}/${path}`, { waitUntil: 'domcontentloaded', timeout: 3_000 })
    .catch(() => undefined);
  return page;
}

const READY = ['review', 'enriched', 'duplicate'];

/** Polls `read` until `done` accepts its value (waitForFunction is blocked by pages' CSP). */
async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, what = 'value') {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: ${JSON.stringify(value)} never matched`);
    await sleep(100);
  }
}

/** The review page framed in `tab` (BiDi may report its URL as about:blank: ask the frame). */
async function reviewFrame(tab: Page): Promise<Frame> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    for (const f of tab.frames()) {
      if (f === tab.mainFrame() || f.detached) continue;
      const href = await f.evaluate(() => location.href).catch(() => f.url());
      if (/\/review\.html\?.*host=frame/.test(href)) return f;
    }
    if (Date.now() > deadline) {
      throw new Error(`the framed review did not appear: ${tab.frames().map((f) => f.url())}`);
    }
    await sleep(100);
  }
}

/**
 * Frame.waitForSelector and ElementHandle clicks in a child frame use a BiDi locator Firefox
 * ESR 140 does not have ("context"), so review pages are driven through their own DOM.
 */
async function stateIs(review: Frame | Page, states: string[]): Promise<string> {
  return waitFor(
    () =>
      review
        .evaluate(() => document.querySelector('[role=dialog]')?.getAttribute('data-state') ?? '')
        .catch(() => ''),
    (state) => states.includes(state),
    `review state (wanted ${states.join('|')})`,
  );
}

/**
 * Clicks a button the way a user does once the dialog can be used: the review's clickjacking
 * gate (Firefox has no IntersectionObserver v2) opens Create only after its document has been
 * visible and focused for a moment, so the frame is focused first and the button awaited
 * enabled. The click is the element's own click(): a mouse click at its place over BiDi does
 * not reach a child frame here.
 */
async function clickInFrame(review: Frame | Page, selector: string): Promise<void> {
  await review.evaluate(() => window.focus());
  await waitFor(
    () =>
      review.evaluate((sel: string) => {
        const button = document.querySelector(sel) as HTMLButtonElement | null;
        return button ? (button.disabled ? 'disabled' : 'enabled') : 'missing';
      }, selector),
    (state) => state === 'enabled',
    selector,
  );
  await review.evaluate((sel: string) => {
    const button = document.querySelector(sel) as HTMLButtonElement;
    button.scrollIntoView({ block: 'center' });
    button.click();
  }, selector);
}

describe('the production build in Firefox ESR', () => {
  let browser: Browser;
  let tmp: string;
  let installedId: string;
  let sandbox: Sandbox;

  const sandboxGet = async <T>(path: string): Promise<T> =>
    (await (await fetch(`${sandbox.url}${path}`)).json()) as T;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0 });
    if (!FIREFOX)
      throw new Error('No Firefox found: apt-get install -y firefox-esr, or FIREFOX_PATH');
    tmp = mkdtempSync(join(tmpdir(), 'cftr-ff-'));
    browser = await launch({
      browser: 'firefox',
      executablePath: FIREFOX,
      headless: true,
      userDataDir: join(tmp, 'profile'),
      // Lets BiDi open moz-extension:// pages in a tab (tests only).
      args: ['--remote-allow-system-access'],
      extraPrefsFirefox: {
        'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: UUID }),
        'extensions.webextOptionalPermissionPrompts': false,
      },
      env: { ...process.env, XDG_CONFIG_HOME: join(tmp, 'xdg'), XDG_CACHE_HOME: join(tmp, 'xdg') },
    });
    installedId = await browser.installExtension(BUILD);
  });
  afterAll(async () => {
    await browser?.close();
    await sandbox?.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
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
    await clickInFrame(review, 'button[type=submit]');
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
});
