import type { Page, Target } from 'puppeteer';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { KNOWN, UNKNOWN_REPORT_IOCS as U } from '../../sandbox/index';
import { PLAIN_PAGE_IOCS } from '../../sandbox/pages/plain';
import { XSS_PAGE_TITLE, XSS_PAYLOADS } from '../../sandbox/pages/xss';
import { configureAgainstSandbox, sendFromPage } from './configure';
import { launchHarness, type Harness } from './harness';
import {
  clickMenu as clickMenuIn,
  dialogFrame,
  dialogState,
  DIALOG,
  findDialogFrame,
  HOST,
  MENU,
  waitForDialog,
  waitForState,
} from './review-frame';
import { trackForScreenshots } from './setup';

/**
 * Issue 6, "create from any page", in a real Chromium with the built extension against the
 * sandbox: the context menu (dispatched to the worker's real listeners), the keyboard command,
 * flow.startPage, the in-page dialog in its shadow root, the extension window for pages that
 * cannot be scripted, hostile pages, a 5 MB page, and screenshots of every dialog state.
 */

const CREATE_PATH = '/cftrapi/openapi/v1/incident/';

interface SandboxIncident {
  unique_id: string;
  readable_id: string;
  title: string;
  description: string;
  body: { title: string; description: string; threat_intel: Record<string, string[]> };
}

let h: Harness;
const clickMenu = (
  ...args: Parameters<typeof clickMenuIn> extends [Harness, ...infer R] ? R : never
) => clickMenuIn(h, ...args);

async function control<T>(path: string, init?: RequestInit): Promise<T> {
  const res = await fetch(`${h.sandbox.url}/__sandbox/${path}`, init);
  if (!res.ok) throw new Error(`sandbox ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}
const incidents = async () => (await control<{ results: SandboxIncident[] }>('incidents')).results;
const addFault = (rule: Record<string, unknown>) =>
  control('faults', { method: 'POST', body: JSON.stringify(rule) });
const clearFaults = () => control('faults', { method: 'DELETE' });
const pageUrl = (path: string) => `${h.sandbox.url}/pages/${path}`;

/** The worker's id of the tab showing `url` (the e2e build may read 127.0.0.1 tab URLs). */
async function tabIdOf(url: string): Promise<number> {
  return h.evalWorker<number>(`(async () => {
    const tabs = await chrome.tabs.query({});
    const tab = tabs.find((t) => t.url === ${JSON.stringify(url)});
    if (!tab) throw new Error('no tab for ' + ${JSON.stringify(url)});
    return tab.id;
  })()`);
}

/** Select from the start of one element to the end of another; returns the selected text. */
async function selectRange(
  page: Page,
  startSelector: string,
  endSelector: string,
): Promise<string> {
  return page.evaluate(
    (a: string, b: string) => {
      const start = document.querySelector(a);
      const end = document.querySelector(b);
      if (!start || !end) throw new Error('selection anchors missing');
      const range = document.createRange();
      range.setStartBefore(start);
      range.setEndAfter(end);
      const selection = getSelection();
      selection?.removeAllRanges();
      selection?.addRange(range);
      return selection?.toString() ?? '';
    },
    startSelector,
    endSelector,
  );
}

/** Marks elements by text so a selection can be anchored on them. */
async function tagByText(page: Page, tag: string, text: string, id: string): Promise<void> {
  await page.evaluate(
    (t: string, needle: string, mark: string) => {
      const el = [...document.querySelectorAll(t)].find((e) => e.textContent?.includes(needle));
      if (!el) throw new Error(`no ${t} with ${needle}`);
      el.id = mark;
    },
    tag,
    text,
    id,
  );
}

/** What the dialog lists: value → { checked, disabled, group mapping, badges }. */
async function dialogRows(page: Page) {
  return (await dialogFrame(page)).$$eval(`.ioc-row`, (rows) =>
    rows.map((row) => {
      const box = row.querySelector('input[type=checkbox]') as HTMLInputElement | null;
      return {
        value: row.getAttribute('data-value') ?? '',
        checked: box?.checked ?? false,
        disabled: box?.disabled ?? false,
        mapping: row.closest('.ioc-group')?.querySelector('.mapping')?.textContent ?? '',
        badges: [...row.querySelectorAll('.badge')].map((b) => b.textContent ?? ''),
      };
    }),
  );
}

async function createAndWait(page: Page): Promise<{ readableId: string; href: string }> {
  await (await dialogFrame(page)).click(`button[type=submit]`);
  await waitForState(page, ['done'], 20_000);
  return (await dialogFrame(page)).$eval(`.outcome-done a.readable-id`, (a) => ({
    readableId: a.textContent ?? '',
    href: a.getAttribute('href') ?? '',
  }));
}

async function closeDialog(page: Page): Promise<void> {
  await (await dialogFrame(page)).click(`button[aria-label=Close]`);
  // Polling, not rAF: a page in a background tab gets no animation frames.
  await page.waitForFunction((tag: string) => !document.querySelector(tag), { polling: 50 }, HOST);
}

async function waitForTarget(match: (t: Target) => boolean, timeout = 10_000): Promise<Target> {
  return h.browser.waitForTarget(match, { timeout });
}

const sorted = (values: Iterable<string>) => [...values].toSorted();

beforeAll(async () => {
  h = await launchHarness();
  await configureAgainstSandbox(h);
  // Short outbox waits (a 503 on a create is an unknown outcome: settle, search, resend), so
  // "Respond is back" shows in about a second, not after the real 30 s settle. Same code path.
  await h.evalWorker(
    'globalThis.__bridgeTest.setOutboxTiming({ settleMs: 1000, backoffBaseMs: 200 })',
  );
});
afterAll(async () => h?.close());
afterEach(async () => {
  await clearFaults().catch(() => undefined);
});
trackForScreenshots(() => h);

// First in the file: the history is still empty, so "review" and "enriched" are not shown as
// duplicates. Each scheme selects a different part of the report for the same reason.
describe('screenshots of every state, light and dark', () => {
  const selections = {
    light: { start: ['p', 'Since September'], end: ['p', 'Victims who click'] },
    dark: { start: ['h2', 'Initial access'], end: ['p', 'In at least two cases'] },
  } as const;
  const selectPart = async (page: Page, scheme: keyof typeof selections) => {
    const { start, end } = selections[scheme];
    await tagByText(page, start[0], start[1], 'sel-start');
    await tagByText(page, end[0], end[1], 'sel-end');
    await selectRange(page, '#sel-start', '#sel-end');
  };

  for (const scheme of ['light', 'dark'] as const) {
    it(`${scheme}`, async () => {
      const shot = (page: Page, state: string) => h.screenshot(page, `review-${state}-${scheme}`);
      const open = async (path: string) => {
        const page = await h.openUrl(pageUrl(path));
        await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
        await page.setViewport({ width: 1100, height: 860 });
        return page;
      };

      // loading: the dialog without a draft yet, showing a big page's progress line.
      const loading = await open('plain.html');
      const tabId = await tabIdOf(loading.url());
      // A review whose draft never comes, showing a big page's progress line.
      await h.evalWorker(
        `globalThis.__bridgeTest.showProgress(${tabId}, 'Finding IOCs in 5.2 MB of text…')`,
      );
      const loadingFrame = await dialogFrame(loading);
      await loadingFrame.waitForFunction(
        () =>
          document.querySelector('.loading-text')?.textContent ===
          'Finding IOCs in 5.2 MB of text…',
        { polling: 50 },
      );
      expect(await dialogState(loading)).toBe('loading');
      await shot(loading, 'loading');
      await loading.close();

      // review: enrichment still on its way (Intel Exchange answers slowly).
      await addFault({ path: 'bulk-lookup', action: 'delay', delayMs: 4000 });
      const review = await open('report.html');
      await selectPart(review, scheme);
      await clickMenu('selection', review);
      await waitForDialog(review);
      expect(await waitForState(review, ['review', 'duplicate'])).toBe('review');
      expect((await dialogRows(review))[0]?.badges).toContain('checking…');
      await shot(review, 'review');
      // enriched: the lookups came back.
      expect(await waitForState(review, ['enriched', 'duplicate'], 20_000)).toBe('enriched');
      await (
        await dialogFrame(review)
      ).waitForFunction(() => !document.body.textContent?.includes('Looking up IOCs'), {
        timeout: 20_000,
        polling: 50,
      });
      await shot(review, 'enriched');
      await clearFaults();

      // creating: the outbox holds the request.
      await h.evalWorker('globalThis.__bridgeTest.pauseOutbox(true)');
      await (await dialogFrame(review)).click(`button[type=submit]`);
      await waitForState(review, ['creating']);
      await shot(review, 'creating');
      // done
      await h.evalWorker(
        '(globalThis.__bridgeTest.pauseOutbox(false), globalThis.__bridgeTest.runOutbox())',
      );
      await waitForState(review, ['done'], 20_000);
      await shot(review, 'done');
      await review.close();

      // duplicate: the same selection again.
      const dup = await open('report.html');
      await selectPart(dup, scheme);
      await clickMenu('selection', dup);
      await waitForDialog(dup);
      await waitForState(dup, ['duplicate'], 20_000);
      await shot(dup, 'duplicate');

      // error: Respond is down; the outbox keeps it and says it will retry.
      await addFault({
        method: 'POST',
        path: CREATE_PATH,
        action: 'status',
        status: 503,
        times: 50,
      });
      await (await dialogFrame(dup)).click(`button[type=submit]`);
      await waitForState(dup, ['error'], 20_000);
      expect(await (await dialogFrame(dup)).$eval(`.retrying`, (e) => e.textContent)).toMatch(
        /^Queued, will retry/,
      );
      await shot(dup, 'error-retrying');
      // Respond is back: the outbox retries by itself and the open dialog follows it to done.
      await clearFaults();
      await waitForState(dup, ['done'], 30_000);
      await dup.close();

      // error: Respond refuses it for good (400).
      await clearFaults();
      await addFault({
        method: 'POST',
        path: CREATE_PATH,
        action: 'status',
        status: 400,
        body: { title: ['This field may not be blank.'] },
      });
      const refused = await open('plain.html');
      await clickMenu('page', refused);
      await waitForDialog(refused);
      await waitForState(refused, ['review', 'enriched', 'duplicate']);
      await (await dialogFrame(refused)).click(`button[type=submit]`);
      await waitForState(refused, ['error'], 20_000);
      expect(await (await dialogFrame(refused)).$eval(`.error-text`, (e) => e.textContent)).toMatch(
        /400|rejected|refused/i,
      );
      await shot(refused, 'error');
      await refused.close();
      await clearFaults();
    }, 120_000);
  }
});

describe('context menus', () => {
  it('exist after install, and survive a new action label', async () => {
    const exists = (id: string) =>
      h.evalWorker<boolean>(
        `chrome.contextMenus.update(${JSON.stringify(id)}, {}).then(() => true, () => false)`,
      );
    for (const id of Object.values(MENU)) expect(await exists(id)).toBe(true);
    expect(await exists('cftr-from-nothing')).toBe(false);

    const popup = await h.openExtensionPage('popup.html');
    const current = (await sendFromPage(popup, 'settings.get', {})) as {
      data: { settings: Record<string, unknown> };
    };
    const saved = (await sendFromPage(popup, 'settings.save', {
      settings: { ...current.data.settings, actionLabel: 'Raise Respond Incident' },
    })) as { ok: boolean };
    expect(saved.ok).toBe(true);
    for (const id of Object.values(MENU)) expect(await exists(id)).toBe(true);
    // The label reaches the dialog too.
    await popup.close();
    const page = await h.openUrl(pageUrl('plain.html'));
    await clickMenu('page', page);
    await waitForDialog(page);
    await waitForState(page, ['review', 'enriched', 'duplicate']);
    expect(await (await dialogFrame(page)).$eval(`h2`, (e) => e.textContent)).toBe(
      'Raise Respond Incident',
    );
    expect(await (await dialogFrame(page)).$eval(`button[type=submit]`, (e) => e.textContent)).toBe(
      'Raise Respond Incident',
    );
    await closeDialog(page);
    await page.close();
    await configureAgainstSandbox(h, { actionLabel: 'Create CFTR Incident' });
  });
});

describe('selection flow', () => {
  let firstReadableId = '';

  it('creates an incident with exactly the selected, mapped IOCs; the ID links to Respond', async () => {
    const page = await h.openUrl(pageUrl('report.html'));
    await tagByText(page, 'h2', 'Command and control', 'sel-start');
    await tagByText(page, 'p', 'Ransom notes', 'sel-end');
    const selected = await selectRange(page, '#sel-start', '#sel-end');
    expect(selected).toContain(U.btc);

    // Chrome cuts the menu's selectionText; the flow reads the full selection itself.
    await clickMenu('selection', page, { selectionText: selected.slice(0, 100) });
    await waitForDialog(page);
    await waitForState(page, ['review', 'enriched']);

    expect(
      await (
        await dialogFrame(page)
      ).$eval(`input[type=text]`, (e) => (e as HTMLInputElement).value),
    ).toBe('Command and control');
    const description = await (
      await dialogFrame(page)
    ).$eval(`textarea`, (e) => (e as HTMLTextAreaElement).value);
    expect(description).toContain(`Source: ${page.url()}`);
    expect(description).toContain(`Page: ${KNOWN.reportName}`);
    expect(description).toContain('Excerpt:\nCommand and control');

    const rows = await dialogRows(page);
    const ips = [
      KNOWN.whitelistedIpv4,
      KNOWN.ipv4,
      KNOWN.ipv4Second,
      U.ipv4,
      U.ipv4Second,
      KNOWN.ipv6,
      U.ipv6,
    ];
    expect(sorted(rows.map((r) => r.value))).toEqual(sorted([...ips, KNOWN.asn, U.btc]));
    // The BTC address is shown, unchecked and greyed out, and says it will not be connected.
    const btc = rows.find((r) => r.value === U.btc);
    expect(btc).toMatchObject({
      checked: false,
      disabled: true,
      mapping: 'not mapped — will not be connected',
    });
    // (The allow-listed one may already be unchecked by its verdict: see below.)
    expect(
      rows
        .filter((r) => r.value !== U.btc && r.value !== KNOWN.whitelistedIpv4)
        .every((r) => r.checked && !r.disabled),
    ).toBe(true);

    // A known IOC shows its enrichment; an unknown one says so.
    await waitForState(page, ['enriched']);
    const enriched = await dialogRows(page);
    const known = enriched.find((r) => r.value === KNOWN.ipv4)?.badges ?? [];
    expect(known).toContain('known');
    expect(known.some((b) => /^score \d+/.test(b))).toBe(true);
    expect(known.some((b) => b.startsWith('TLP:'))).toBe(true);
    expect(enriched.find((r) => r.value === KNOWN.whitelistedIpv4)?.badges).toContain(
      'allow-listed',
    );
    expect(enriched.find((r) => r.value === U.ipv4)?.badges).toContain('unknown to Intel Exchange');

    // Intel Exchange allow-lists one: it starts unchecked, and the dialog says so (issue 16).
    expect(enriched.find((r) => r.value === KNOWN.whitelistedIpv4)?.checked).toBe(false);
    expect(
      await (await dialogFrame(page)).$eval('.verdict-note', (e) => e.textContent ?? ''),
    ).toMatch(/1 IOC unchecked: Intel Exchange marks it allow-listed or false positive/);
    // The user unchecks another one; neither is sent.
    await (await dialogFrame(page)).click(`.ioc-row[data-value="${U.ipv4Second}"] input`);
    await h.screenshot(page, 'review-selection-ready');

    const before = (await incidents()).length;
    const { readableId, href } = await createAndWait(page);
    expect(readableId).toMatch(/^INC\d+$/);
    const created = (await incidents()).slice(before);
    expect(created).toHaveLength(1);
    const incident = created[0] as SandboxIncident;
    expect(incident.readable_id).toBe(readableId);
    expect(incident.body.title).toBe('Command and control');
    const expectedIps = ips.filter((v) => v !== KNOWN.whitelistedIpv4 && v !== U.ipv4Second);
    expect(sorted(Object.keys(incident.body.threat_intel))).toEqual(['asn', 'ip_address']);
    expect(sorted(incident.body.threat_intel['ip_address'] ?? [])).toEqual(sorted(expectedIps));
    expect(incident.body.threat_intel['asn']).toEqual([KNOWN.asn]);
    // Not connected (its excerpt in the description is only text).
    expect(JSON.stringify(incident.body.threat_intel)).not.toContain(U.btc);
    expect(incident.body.description).toContain('Excerpt:\nCommand and control');
    expect(href).toBe(`${h.sandbox.url}/cftr/incidents/${incident.unique_id}/`);
    await h.screenshot(page, 'review-selection-done');

    // The readable ID opens Respond's page for that incident in a new tab.
    await (await dialogFrame(page)).click(`.outcome-done a.readable-id`);
    const target = await waitForTarget((t) => t.url() === href);
    const respond = await target.page();
    expect(await respond?.$eval('body', (b) => b.textContent)).toContain(readableId);
    await respond?.close();
    firstReadableId = readableId;
    await closeDialog(page);
    await page.close();
  });

  it('the same selection again warns of the duplicate, linking the earlier incident', async () => {
    expect(firstReadableId).not.toBe('');
    const page = await h.openUrl(pageUrl('report.html'));
    await tagByText(page, 'h2', 'Command and control', 'sel-start');
    await tagByText(page, 'p', 'Ransom notes', 'sel-end');
    await selectRange(page, '#sel-start', '#sel-end');
    await clickMenu('selection', page);
    await waitForDialog(page);
    await waitForState(page, ['duplicate']);
    const links = await (
      await dialogFrame(page)
    ).$$eval(`.duplicate-warning a`, (as) =>
      as.map((a) => ({ text: a.textContent, href: a.getAttribute('href') })),
    );
    expect(links[0]?.text).toBe(firstReadableId);
    expect(links[0]?.href).toMatch(new RegExp(`/cftr/incidents/[^/]+/$`));
    const badges = (await dialogRows(page)).find((r) => r.value === KNOWN.ipv4)?.badges ?? [];
    expect(badges).toContain(`already in ${firstReadableId}`);
    await h.screenshot(page, 'review-selection-duplicate');
    // Esc closes it and leaves nothing behind.
    await (await dialogFrame(page)).focus(`input[type=text]`);
    await page.keyboard.press('Escape');
    await page.waitForFunction(
      (tag: string) => !document.querySelector(tag),
      { polling: 50 },
      HOST,
    );
    await page.close();
  });
});

describe('link and page flows', () => {
  it('link: its text is the title; its URL is the IOC sent', async () => {
    const page = await h.openUrl(pageUrl('report.html'));
    const linkUrl = await page.$eval(
      'a[href*="Invoice_7731"]',
      (a) => (a as HTMLAnchorElement).href,
    );
    expect(linkUrl).toBe(U.linkHref);
    await clickMenu('link', page, { linkUrl });
    await waitForDialog(page);
    await waitForState(page, ['review', 'enriched', 'duplicate']);
    expect(
      await (
        await dialogFrame(page)
      ).$eval(`input[type=text]`, (e) => (e as HTMLInputElement).value),
    ).toBe('this shared invoice');
    const rows = await dialogRows(page);
    expect(rows.map((r) => r.value)).toContain(U.linkHref);
    const before = (await incidents()).length;
    await createAndWait(page);
    const [incident] = (await incidents()).slice(before);
    expect(incident?.body.title).toBe('this shared invoice');
    expect(incident?.body.threat_intel['url']).toEqual([U.linkHref]);
    expect(incident?.body.description).toContain(`Link: ${U.linkHref}`);
    await page.close();
  });

  it('page (menu): the title is the page title; every mapped IOC of the page is sent', async () => {
    const page = await h.openUrl(pageUrl('plain.html'));
    await clickMenu('page', page);
    await waitForDialog(page);
    await waitForState(page, ['review', 'enriched', 'duplicate']);
    expect(
      await (
        await dialogFrame(page)
      ).$eval(`input[type=text]`, (e) => (e as HTMLInputElement).value),
    ).toBe('Plain IOC list');
    expect(sorted((await dialogRows(page)).map((r) => r.value))).toEqual(sorted(PLAIN_PAGE_IOCS));
    const before = (await incidents()).length;
    await createAndWait(page);
    const [incident] = (await incidents()).slice(before);
    const sent = Object.values(incident?.body.threat_intel ?? {}).flat();
    expect(sorted(sent)).toEqual(sorted(PLAIN_PAGE_IOCS));
    expect(incident?.body.threat_intel['vulnerability']).toEqual([KNOWN.cve]);
    await page.close();
  });

  it('page (keyboard command and the popup’s flow.startPage) opens the same dialog', async () => {
    const page = await h.openUrl(pageUrl('plain.html'));
    await page.bringToFront();
    const tabId = await tabIdOf(page.url());
    await h.evalWorker(`(async () => {
      const tab = await chrome.tabs.get(${tabId});
      chrome.commands.onCommand.dispatch('open-page-flow', tab);
    })()`);
    await waitForDialog(page);
    await waitForState(page, ['review', 'enriched', 'duplicate']);
    await closeDialog(page);

    const popup = await h.openExtensionPage('popup.html');
    const answer = await sendFromPage(popup, 'flow.startPage', { tabId });
    expect(answer).toEqual({ ok: true, data: { started: true } });
    // The popup closes and the page is in front again (a background tab renders no frames,
    // so puppeteer could not click in it).
    await popup.close();
    await page.bringToFront();
    await waitForDialog(page);
    await waitForState(page, ['review', 'enriched', 'duplicate']);
    expect((await dialogRows(page)).length).toBe(PLAIN_PAGE_IOCS.length);
    await closeDialog(page);
    await page.close();
  });

  it('a page that cannot be scripted (chrome://version) gets the extension window', async () => {
    const page = await h.openUrl('chrome://version');
    await page.bringToFront();
    await clickMenu(
      'page',
      page,
      {},
      `(await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]`,
    );
    const target = await waitForTarget((t) => /\/review\.html\?id=/.test(t.url()));
    expect(target.url().startsWith(`${h.extensionOrigin}/review.html?id=`)).toBe(true);
    const win = await target.page();
    if (!win) throw new Error('the review window has no page');
    await win.waitForSelector('[role=dialog]');
    await win.waitForFunction(
      () => {
        const state = document.querySelector('[role=dialog]')?.getAttribute('data-state');
        return state === 'review' || state === 'enriched';
      },
      { polling: 50 },
    );
    const notice = await win.$eval('.callout-info', (e) => e.textContent);
    expect(notice).toMatch(/cannot read this page/);
    expect(await win.$eval('textarea', (e) => (e as HTMLTextAreaElement).value)).toContain(
      'Source: chrome://version/',
    );
    await h.screenshot(win, 'review-window-chrome-version');
    // Esc closes the window (the key event's target goes away while puppeteer sends it).
    const closed = new Promise((resolve) => win.once('close', resolve));
    await win.keyboard.press('Escape').catch(() => undefined);
    await closed;
    await page.close();
  });
});

describe('notifications', () => {
  const ourNotifications = () =>
    h.evalWorker<string[]>(
      `chrome.notifications.getAll().then((all) => Object.keys(all).filter((id) => id.startsWith('cftr-incident:')))`,
    );

  it('none while the dialog shows the result; one when it was closed before Respond answered', async () => {
    const page = await h.openUrl(pageUrl('plain.html'));
    const before = await ourNotifications();

    // Open dialog: the outbox is held, then released; the dialog shows "done" itself.
    await clickMenu('page', page);
    await waitForDialog(page);
    await waitForState(page, ['review', 'enriched', 'duplicate']);
    await h.evalWorker('globalThis.__bridgeTest.pauseOutbox(true)');
    await (await dialogFrame(page)).click(`button[type=submit]`);
    await waitForState(page, ['creating']);
    await h.evalWorker(
      '(globalThis.__bridgeTest.pauseOutbox(false), globalThis.__bridgeTest.runOutbox())',
    );
    await waitForState(page, ['done']);
    await new Promise((r) => setTimeout(r, 500));
    expect(await ourNotifications()).toEqual(before);

    // Closed while queued: Respond's answer comes later, as a notification.
    await closeDialog(page);
    await clickMenu('page', page);
    await waitForDialog(page);
    await waitForState(page, ['review', 'enriched', 'duplicate']);
    await h.evalWorker('globalThis.__bridgeTest.pauseOutbox(true)');
    await (await dialogFrame(page)).click(`button[type=submit]`);
    await waitForState(page, ['creating']);
    await closeDialog(page);
    await h.evalWorker(
      '(globalThis.__bridgeTest.pauseOutbox(false), globalThis.__bridgeTest.runOutbox())',
    );
    const deadline = Date.now() + 10_000;
    let after = await ourNotifications();
    while (after.length === before.length && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      after = await ourNotifications();
    }
    expect(after.filter((id) => !before.includes(id))).toHaveLength(1);
    await page.close();
  });
});

describe('hostile pages', () => {
  /** Elements a payload could have injected, in the page and in our shadow root. */
  async function injected(page: Page) {
    const inPage = await page.evaluate(() => ({
      page: document.querySelectorAll('img, svg, script, iframe, object, embed').length,
      onerror: document.querySelectorAll('[onerror], [onload]').length,
      fired: (window as unknown as { __xssFired: string[] }).__xssFired,
    }));
    // Our review page's own document: nothing but its one module script.
    const frame = findDialogFrame(page);
    const dialog = frame
      ? await frame.evaluate(
          () =>
            document.querySelectorAll('img, svg, iframe, object, embed, script:not([type=module])')
              .length + document.querySelectorAll('[onerror], [onload]').length,
        )
      : 0;
    return { ...inPage, dialog };
  }

  it('text, title and link text full of payloads execute nothing and inject nothing', async () => {
    const page = await h.openUrl(pageUrl('xss.html'));
    // Hostile page CSS too: it must not reach into the dialog.
    await page.addStyleTag({
      content:
        '* { color: rgb(255, 0, 0) !important; font-size: 40px !important; } div, h2 { display: none !important; }',
    });
    const baseline = await injected(page);
    expect(baseline.fired).toEqual([]);

    // Selection over everything.
    await page.evaluate(() => {
      const range = document.createRange();
      range.selectNodeContents(document.body);
      getSelection()?.removeAllRanges();
      getSelection()?.addRange(range);
    });
    await clickMenu('selection', page);
    await waitForDialog(page);
    await waitForState(page, ['review', 'enriched', 'duplicate']);
    const title = await (
      await dialogFrame(page)
    ).$eval(`input[type=text]`, (e) => (e as HTMLInputElement).value);
    expect(title).toContain('<img src=x onerror=alert(1)>');
    const text = await (await dialogFrame(page)).$eval(DIALOG, (e) => e.textContent ?? '');
    expect(text).toContain(XSS_PAYLOADS[2]);
    expect(await injected(page)).toEqual({ ...baseline, dialog: 0 });
    const look = await (
      await dialogFrame(page)
    ).$eval(`h2`, (e) => {
      const style = getComputedStyle(e);
      return { display: style.display, fontSize: style.fontSize, color: style.color };
    });
    expect(look.display).toBe('block');
    expect(look.fontSize).toBe('18px');
    expect(look.color).not.toBe('rgb(255, 0, 0)');
    await h.screenshot(page, 'review-xss-selection');
    await closeDialog(page);

    // The link whose text is a payload.
    await clickMenu('link', page, { linkUrl: 'javascript:void(0)' });
    await waitForDialog(page);
    await waitForState(page, ['review', 'enriched', 'duplicate']);
    expect(
      await (
        await dialogFrame(page)
      ).$eval(`input[type=text]`, (e) => (e as HTMLInputElement).value),
    ).toBe(`${XSS_PAYLOADS[0]} click me ${XSS_PAYLOADS[1]}`);
    expect(await injected(page)).toEqual({ ...baseline, dialog: 0 });
    // No link in the dialog points anywhere but http(s).
    const hrefs = await (
      await dialogFrame(page)
    ).$$eval(`a`, (as) => as.map((a) => a.getAttribute('href')));
    expect(hrefs.every((href) => href === null || /^https?:/.test(href))).toBe(true);
    await closeDialog(page);

    // The page flow, whose title is a payload; create it, and still nothing runs.
    await clickMenu('page', page);
    await waitForDialog(page);
    await waitForState(page, ['review', 'enriched', 'duplicate']);
    expect(
      await (
        await dialogFrame(page)
      ).$eval(`input[type=text]`, (e) => (e as HTMLInputElement).value),
    ).toBe(XSS_PAGE_TITLE);
    const before = (await incidents()).length;
    await createAndWait(page);
    const [incident] = (await incidents()).slice(before);
    expect(incident?.body.title).toBe(XSS_PAGE_TITLE);
    expect(await injected(page)).toEqual({ ...baseline, dialog: 0 });
    await page.close();
  });
});

describe('a 5 MB page', () => {
  it('reaches the dialog with its IOCs while the page keeps responding', async () => {
    const page = await h.openUrl(pageUrl('big.html?mb=5'));
    await page.waitForFunction(() => document.readyState === 'complete', { timeout: 30_000 });
    const chars = await page.evaluate(() => document.body.textContent?.length ?? 0);
    expect(chars).toBeGreaterThan(4_000_000);
    // A heartbeat in the page: the longest gap between ticks is how long the page was frozen.
    await page.evaluate(() => {
      const w = window as unknown as { __beat: { last: number; maxGap: number; ticks: number } };
      w.__beat = { last: performance.now(), maxGap: 0, ticks: 0 };
      setInterval(() => {
        const now = performance.now();
        w.__beat.maxGap = Math.max(w.__beat.maxGap, now - w.__beat.last);
        w.__beat.last = now;
        w.__beat.ticks++;
      }, 16);
    });
    await new Promise((r) => setTimeout(r, 300));
    await page.evaluate(() => {
      (window as unknown as { __beat: { maxGap: number } }).__beat.maxGap = 0;
    });

    const started = Date.now();
    await clickMenu('page', page);
    await waitForDialog(page, 30_000);
    const sawLoading = (await dialogState(page)) === 'loading';
    await waitForState(page, ['review', 'enriched', 'duplicate'], 60_000);
    expect(await (await dialogFrame(page)).$(`.ioc-row`)).not.toBeNull();
    const elapsed = Date.now() - started;
    const beat = await page.evaluate(
      () => (window as unknown as { __beat: { maxGap: number; ticks: number } }).__beat,
    );
    const count = await (await dialogFrame(page)).$eval(`.iocs-head h3`, (e) => e.textContent);
    console.info(
      `[5 MB page] click → dialog with IOCs: ${elapsed} ms; longest page freeze: ${Math.round(beat.maxGap)} ms over ${beat.ticks} ticks; ${count}; loading shown first: ${sawLoading}`,
    );
    expect(sawLoading).toBe(true);
    expect(beat.maxGap).toBeLessThan(500);
    const rows = await dialogRows(page);
    expect(rows.map((r) => r.value)).toContain(KNOWN.ipv4);
    await closeDialog(page);
    await page.close();
  }, 120_000);
});
