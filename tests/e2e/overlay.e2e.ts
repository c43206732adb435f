import type { Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLLEAGUE_INCIDENT, KNOWN, KNOWN_IDS } from '../../sandbox/index';
import { configureAgainstSandbox } from './configure';
import { launchHarness, type Harness } from './harness';
import { dialogFrame, waitForDialog, waitForState } from './review-frame';
import { trackForScreenshots } from './setup';

/**
 * Issue 11: the Intel Exchange overlay in real Chromium against the sandbox's single-page
 * Intel Exchange app. The overlay finds pages by route and objects by their links; its hosts
 * are open shadow roots in the e2e build only, so puppeteer can reach in (`>>>`).
 */

let h: Harness;
const READY = ['review', 'enriched', 'duplicate'];
const objectUrl = (type: string, id: string) => `${h.sandbox.url}/ctix/threatdata/${type}/${id}`;

interface SandboxIncident {
  unique_id: string;
  readable_id: string;
  title: string;
  body: { title: string; threat_intel: Record<string, string[]> };
}
const incidents = async () =>
  (
    (await (await fetch(`${h.sandbox.url}/__sandbox/incidents`)).json()) as {
      results: SandboxIncident[];
    }
  ).results;

beforeAll(async () => {
  h = await launchHarness();
  await configureAgainstSandbox(h);
  await h.evalWorker(
    'globalThis.__bridgeTest.setOutboxTiming({ settleMs: 1000, backoffBaseMs: 200 })',
  );
});
afterAll(async () => h?.close());
trackForScreenshots(() => h);

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
    const counts = await page.evaluate(() => ({
      rows: document.querySelectorAll('[role=row] a[href*="/ctix/threatdata/"]').length,
      hosts: document.querySelectorAll('cftr-ov-row').length,
    }));
    expect(counts.hosts).toBeGreaterThan(5);
    expect(counts.hosts).toBeLessThanOrEqual(counts.rows);
    await page.close();
  });
});
