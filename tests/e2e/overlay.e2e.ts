import type { Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLLEAGUE_INCIDENT, KNOWN, KNOWN_IDS } from '../../sandbox/index';
import { configureAgainstSandbox } from './configure';
import { launchHarness, type Harness } from './harness';
import { dialogFrame, waitForDialog, waitForState, waitForVerdicts } from './review-frame';
import { sandboxIncidents } from './sandbox-incidents';
import { trackForScreenshots } from './setup';

/**
 * Issue 11: the Intel Exchange overlay in real Chromium against the sandbox's single-page
 * Intel Exchange app. The overlay finds pages by route and objects by their links; its hosts
 * are open shadow roots in the e2e build only, so puppeteer can reach in (`>>>`).
 */

let h: Harness;
const READY = ['review', 'enriched', 'duplicate'];
const objectUrl = (type: string, id: string) => `${h.sandbox.url}/ctix/threatdata/${type}/${id}`;

const incidents = () => sandboxIncidents(h);

beforeAll(async () => {
  h = await launchHarness();
  await configureAgainstSandbox(h);
  await h.evalWorker(
    'globalThis.__bridgeTest.setOutboxTiming({ settleMs: 1000, backoffBaseMs: 200 })',
  );
});
afterAll(async () => h?.close());
trackForScreenshots(() => h);

/** The page as a user with a dark system theme sees it (the framed review follows it too). */
async function inDark(page: Page, shoot: () => Promise<unknown>): Promise<void> {
  await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
  await new Promise((r) => setTimeout(r, 150));
  try {
    await shoot();
  } finally {
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'light' }]);
  }
}

async function openApp(url: string): Promise<Page> {
  const page = await h.openUrl(url);
  await page.setViewport({ width: 1280, height: 900 });
  await page.waitForFunction(
    () => document.querySelector('#app')?.getAttribute('data-view') !== 'loading',
    {
      polling: 50,
    },
  );
  return page;
}

/** The object as the sandbox's Intel Exchange UI reads it (tags included). */
async function objectData(type: string, id: string): Promise<{ tags?: { name: string }[] }> {
  const res = await fetch(`${h.sandbox.url}/ctix/ui-api/threat-data/${type}/${id}`);
  const body = (await res.json()) as {
    object?: { tags?: { name: string }[] };
    tags?: { name: string }[];
  };
  return body.object ?? body;
}

const counts = (page: Page) =>
  page.evaluate(() => ({
    object: document.querySelectorAll('cftr-ov-object').length,
    bulk: document.querySelectorAll('cftr-ov-bulk').length,
    rows: document.querySelectorAll('cftr-ov-row').length,
    links: document.querySelectorAll('[role=row] a[href*="/ctix/threatdata/"]').length,
  }));

async function addFault(rule: Record<string, unknown>) {
  await fetch(`${h.sandbox.url}/__sandbox/faults`, { method: 'POST', body: JSON.stringify(rule) });
}
const clearFaults = () => fetch(`${h.sandbox.url}/__sandbox/faults`, { method: 'DELETE' });

/** The overlay settings as shipped: tests that change them put these back. */
const DEFAULT_OVERLAY = { enabled: true, uiUrl: '', bulkLimit: 500, tagObjects: true };

const objectPanelText = (page: Page) =>
  page.$eval('cftr-ov-object >>> .panel', (e) => e.textContent ?? '').catch(() => '');

describe('a threat data object page', () => {
  it('has the action in Quick Actions; the dialog title is the object name; the new ID appears in CFTR Incidents', async () => {
    const page = await openApp(objectUrl('indicator', KNOWN_IDS.ipv4));
    await page.waitForSelector('cftr-ov-object >>> button.create', { timeout: 10_000 });
    // Anchored in the page's Quick Actions panel, not floating.
    const inPanel = await page.$eval('cftr-ov-object', (host) => {
      const panel = host.parentElement;
      return panel?.querySelector('h2, h3')?.textContent ?? '';
    });
    expect(inPanel).toMatch(/Quick Actions/);
    await page.click('cftr-ov-object >>> button.create');
    await waitForDialog(page);
    await waitForState(page, READY, 20_000);
    const frame = await dialogFrame(page);
    expect(await frame.$eval('input[type=text]', (e) => (e as HTMLInputElement).value)).toBe(
      KNOWN.ipv4,
    );
    await h.screenshot(page, 'overlay-object-dialog');
    await inDark(page, () => h.screenshot(page, 'overlay-object-dialog-dark'));
    const before = (await incidents()).length;
    await frame.click('button[type=submit]');
    await waitForState(page, ['done'], 20_000);
    const created = (await incidents()).slice(before);
    expect(created).toHaveLength(1);
    const readable = created[0]?.readable_id ?? '';
    await frame.click('button[aria-label=Close]');
    // The list follows the history without a reload.
    await expect.poll(() => objectPanelText(page), { timeout: 10_000 }).toContain(readable);
    const href = await page.$eval(
      'cftr-ov-object >>> .incidents a',
      (a) => (a as HTMLAnchorElement).href,
    );
    expect(href).toContain(`/cftr/incidents/${created[0]?.unique_id}/`);
    await h.screenshot(page, 'overlay-object-incidents');
    await inDark(page, () => h.screenshot(page, 'overlay-object-incidents-dark'));
    // Recorded on Intel Exchange too: the object carries the incident's tag.
    await expect
      .poll(async () => (await objectData('indicator', KNOWN_IDS.ipv4)).tags?.map((t) => t.name), {
        timeout: 15_000,
      })
      .toContain(`CFTR ${readable}`);
    await page.close();
  }, 60_000);

  it('lists an incident a colleague raised (an Intel Exchange tag on the object)', async () => {
    const page = await openApp(
      objectUrl(COLLEAGUE_INCIDENT.objectType, COLLEAGUE_INCIDENT.objectId),
    );
    await expect
      .poll(() => objectPanelText(page), { timeout: 10_000 })
      .toContain(COLLEAGUE_INCIDENT.readableId);
    await page.close();
  });
});

describe('the threat data list', () => {
  it('puts an action and a checkbox on every row found by its object link', async () => {
    const page = await openApp(`${h.sandbox.url}/ctix/threatdata`);
    await page.waitForSelector('cftr-ov-row', { timeout: 10_000 });
    const found = await page.evaluate(() => ({
      rows: document.querySelectorAll('[role=row] a[href*="/ctix/threatdata/"]').length,
      hosts: document.querySelectorAll('cftr-ov-row').length,
    }));
    expect(found.hosts).toBeGreaterThan(5);
    expect(found.hosts).toBeLessThanOrEqual(found.rows);
    await page.close();
  });
});

describe('a list row', () => {
  it('its action opens the review for that one object, light and dark', async () => {
    const page = await openApp(`${h.sandbox.url}/ctix/threatdata`);
    await page.waitForSelector('cftr-ov-row', { timeout: 10_000 });
    const label = await page.$eval('cftr-ov-row', (host) =>
      host.shadowRoot?.querySelector('button')?.getAttribute('aria-label'),
    );
    expect(label).toMatch(/^Create CFTR Incident: indicator /);
    await page.$eval('cftr-ov-row', (host) => host.shadowRoot?.querySelector('button')?.click());
    await waitForState(page, READY, 20_000);
    const frame = await dialogFrame(page);
    expect(await frame.$eval('input[type=text]', (e) => (e as HTMLInputElement).value)).toBe(
      KNOWN.ipv4,
    );
    await h.screenshot(page, 'overlay-row-dialog-light');
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
    await h.screenshot(page, 'overlay-row-dialog-dark');
    await page.close();
  }, 60_000);
});

describe('a report object', () => {
  it('connects only the mapped IOCs; the dialog lists the unmapped ones as such', async () => {
    const page = await openApp(objectUrl('report', KNOWN_IDS.report));
    await page.waitForSelector('cftr-ov-object >>> button.create', { timeout: 10_000 });
    await page.click('cftr-ov-object >>> button.create');
    await waitForState(page, READY, 30_000);
    const frame = await dialogFrame(page);
    await waitForVerdicts(frame);
    const rows = await frame.$$eval('.ioc-row', (els) =>
      els.map((row) => ({
        value: row.getAttribute('data-value') ?? '',
        mapped: !row.closest('.ioc-group')?.classList.contains('ioc-group-unmapped'),
        checked: (row.querySelector('input') as HTMLInputElement | null)?.checked ?? false,
      })),
    );
    expect(rows.filter((r) => r.mapped).length).toBeGreaterThan(0);
    // What cannot be connected is named with its count per type, up front.
    const unmappedInList = rows.filter((r) => !r.mapped).length;
    const notice = await frame.$eval('.callout-info', (e) => e.textContent ?? '').catch(() => '');
    expect(unmappedInList > 0 || /not mapped in Respond.*\(\d+\)/i.test(notice)).toBe(true);
    await h.screenshot(page, 'overlay-report-dialog');
    const before = (await incidents()).length;
    await frame.click('button[type=submit]');
    await waitForState(page, ['done'], 20_000);
    const [incident] = (await incidents()).slice(before);
    const sent = Object.values(incident?.body.threat_intel ?? {}).flat();
    // Sent: what is mapped and checked (a value Intel Exchange flags starts unchecked).
    for (const row of rows) {
      if (row.mapped && row.checked) expect(sent).toContain(row.value);
      else expect(sent).not.toContain(row.value);
    }
    expect(rows.some((r) => r.mapped && r.checked)).toBe(true);
    await page.close();
  }, 60_000);

  it('a failing Intel Exchange while resolving: a clear message, and nothing is created', async () => {
    await addFault({ path: '/relations/', action: 'status', status: 500, times: 100 });
    try {
      const page = await openApp(objectUrl('report', KNOWN_IDS.report));
      await page.waitForSelector('cftr-ov-object >>> button.create', { timeout: 10_000 });
      const before = (await incidents()).length;
      await page.click('cftr-ov-object >>> button.create');
      await waitForState(page, ['error'], 60_000);
      const frame = await dialogFrame(page);
      expect(await frame.$eval('.error-text', (e) => e.textContent)).toMatch(
        /Could not read report .* from Intel Exchange: .*Nothing was created/,
      );
      await h.screenshot(page, 'overlay-report-ctix-down');
      expect((await incidents()).length).toBe(before);
      await page.close();
    } finally {
      await clearFaults();
    }
  }, 90_000);

  it('a 429 while reading its relations is waited out and retried', async () => {
    await addFault({ path: '/relations/', action: 'status', status: 429, retryAfter: 1, times: 1 });
    try {
      const page = await openApp(objectUrl('report', KNOWN_IDS.report));
      await page.waitForSelector('cftr-ov-object >>> button.create', { timeout: 10_000 });
      await page.click('cftr-ov-object >>> button.create');
      await waitForState(page, READY, 30_000);
      await page.close();
    } finally {
      await clearFaults();
    }
  }, 60_000);
});

describe('bulk selection on the list', () => {
  it('50 objects, some scrolled out of view and back, become one incident', async () => {
    const page = await openApp(`${h.sandbox.url}/ctix/threatdata?rows=400`);
    await page.waitForSelector('cftr-ov-row', { timeout: 10_000 });
    const viewport = '[data-testid=threat-data-viewport]';
    const chosen = new Set<string>();
    const checkVisible = async () =>
      page.$$eval('cftr-ov-row', (hosts) =>
        hosts.map((host) => {
          const box = host.shadowRoot?.querySelector('input') as HTMLInputElement;
          const label = box.getAttribute('aria-label') ?? '';
          return { label, checked: box.checked };
        }),
      );
    while (chosen.size < 50) {
      const visible = await checkVisible();
      for (const row of visible) {
        if (chosen.size >= 50 || row.checked || chosen.has(row.label)) continue;
        await page.$$eval(
          'cftr-ov-row',
          (hosts, label) => {
            const host = hosts.find((x) =>
              x.shadowRoot?.querySelector(`input[aria-label="${label}"]`),
            );
            (host?.shadowRoot?.querySelector('input') as HTMLInputElement | undefined)?.click();
          },
          row.label,
        );
        chosen.add(row.label);
      }
      await page.$eval(viewport, (v) => v.scrollBy(0, 600));
      await new Promise((r) => setTimeout(r, 150));
    }
    // Back to the top: rows that left and came back show their checked state.
    await page.$eval(viewport, (v) => v.scrollTo(0, 0));
    await new Promise((r) => setTimeout(r, 300));
    const top = await checkVisible();
    expect(top.filter((r) => chosen.has(r.label)).every((r) => r.checked)).toBe(true);
    const bar = await page.$eval('cftr-ov-bulk >>> button.create', (b) => b.textContent);
    expect(bar).toMatch(/\(50 selected\)/);
    await h.screenshot(page, 'overlay-list-bulk-light');
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
    await h.screenshot(page, 'overlay-list-bulk-dark');
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'light' }]);

    await page.click('cftr-ov-bulk >>> button.create');
    await waitForState(page, READY, 60_000);
    const frame = await dialogFrame(page);
    expect(await frame.$eval('input[type=text]', (e) => (e as HTMLInputElement).value)).toBe(
      '50 threat data objects',
    );
    await h.screenshot(page, 'overlay-bulk-dialog');
    await inDark(page, () => h.screenshot(page, 'overlay-bulk-dialog-dark'));
    await waitForVerdicts(frame);
    const selected = await frame.$$eval('.ioc-row', (els) =>
      els
        .filter((row) => (row.querySelector('input') as HTMLInputElement | null)?.checked)
        .map((row) => row.getAttribute('data-value') ?? ''),
    );
    const before = (await incidents()).length;
    await frame.click('button[type=submit]');
    await waitForState(page, ['done'], 30_000);
    const created = (await incidents()).slice(before);
    expect(created).toHaveLength(1);
    const sent = Object.values(created[0]?.body.threat_intel ?? {}).flat();
    for (const value of selected) expect(sent).toContain(value);
    // Created: the selection is cleared.
    await expect.poll(() => counts(page).then((c) => c.bulk)).toBe(1);
    await page.close();
  }, 120_000);

  it('says up front when a selection is over the bulk limit', async () => {
    await configureAgainstSandbox(h, {
      overlay: { enabled: true, uiUrl: '', bulkLimit: 3, tagObjects: true },
    });
    try {
      const page = await openApp(`${h.sandbox.url}/ctix/threatdata?rows=400`);
      await page.waitForSelector('cftr-ov-row', { timeout: 10_000 });
      // One row, then all visible rows.
      await page.$eval('cftr-ov-row', (host) => host.shadowRoot?.querySelector('input')?.click());
      await page.click('cftr-ov-bulk >>> button.secondary');
      const bar = await page.$eval('cftr-ov-bulk >>> .bar', (b) => ({
        text: b.textContent ?? '',
        disabled: (b.querySelector('button.create') as HTMLButtonElement).disabled,
      }));
      expect(bar.disabled).toBe(true);
      expect(bar.text).toMatch(/At most 3 objects fit in one incident\./);
      await h.screenshot(page, 'overlay-list-over-limit');
      await page.click('cftr-ov-bulk >>> button.secondary:nth-of-type(2)');
      await page.close();
    } finally {
      await configureAgainstSandbox(h, { overlay: DEFAULT_OVERLAY });
    }
  }, 60_000);
});

describe('single-page navigation', () => {
  it('list → object → back → another object, many times: exactly one set of our elements', async () => {
    const page = await openApp(`${h.sandbox.url}/ctix/threatdata`);
    await page.waitForSelector('cftr-ov-row', { timeout: 10_000 });
    for (let round = 0; round < 6; round++) {
      const links = await page.$$('[role=row] a[href*="/ctix/threatdata/"]');
      await links[round % links.length]?.click();
      await page.waitForSelector('cftr-ov-object', { timeout: 10_000 });
      await new Promise((r) => setTimeout(r, 200));
      expect(await counts(page)).toMatchObject({ object: 1, bulk: 0, rows: 0 });
      await page.goBack();
      await page.waitForSelector('cftr-ov-row', { timeout: 10_000 });
      await new Promise((r) => setTimeout(r, 200));
      const list = await counts(page);
      expect(list.object).toBe(0);
      expect(list.bulk).toBe(1);
      expect(list.rows).toBeGreaterThan(0);
      expect(list.rows).toBeLessThanOrEqual(list.links);
    }
    await page.close();
  }, 90_000);
});

describe('where the overlay must not run', () => {
  it('nothing on another origin of the same sandbox (localhost is not 127.0.0.1)', async () => {
    const other = h.sandbox.url.replace('127.0.0.1', 'localhost');
    const page = await h.openUrl(`${other}/ctix/threatdata/indicator/${KNOWN_IDS.ipv4}`);
    await new Promise((r) => setTimeout(r, 2000));
    expect(await page.evaluate(() => document.querySelectorAll('*').length)).toBeGreaterThan(10);
    expect(
      await page.evaluate(
        () =>
          [...document.querySelectorAll('*')].filter((e) => e.localName.startsWith('cftr-')).length,
      ),
    ).toBe(0);
    await page.close();
  });

  it('is not registered for an origin the extension holds no permission for', async () => {
    const other = h.sandbox.url.replace('127.0.0.1', 'localhost');
    await configureAgainstSandbox(h, {
      overlay: { enabled: true, uiUrl: other, bulkLimit: 500, tagObjects: true },
    });
    try {
      const registered = () =>
        h.evalWorker<string[][]>(
          `chrome.scripting.getRegisteredContentScripts().then((all) => all.map((s) => s.matches ?? []))`,
        );
      await expect.poll(registered, { timeout: 10_000 }).toEqual([]);
    } finally {
      await configureAgainstSandbox(h, { overlay: DEFAULT_OVERLAY });
    }
    await expect
      .poll(
        () =>
          h.evalWorker<string[][]>(
            `chrome.scripting.getRegisteredContentScripts().then((all) => all.map((s) => s.matches ?? []))`,
          ),
        { timeout: 10_000 },
      )
      .toEqual([['http://127.0.0.1/*']]);
  });

  it('after the worker was killed the registration persisted and the overlay still works', async () => {
    await h.stopWorker();
    const page = await openApp(objectUrl('indicator', KNOWN_IDS.domain));
    await page.waitForSelector('cftr-ov-object >>> button.create', { timeout: 15_000 });
    await expect.poll(() => objectPanelText(page), { timeout: 10_000 }).toMatch(/CFTR Incidents/);
    await page.close();
  }, 60_000);
});
