import type { Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KNOWN, KNOWN_IDS } from '../../sandbox/index';
import { configureAgainstSandbox } from './configure';
import { launchHarness, type Harness } from './harness';
import { dialogFrame, waitForState } from './review-frame';
import { sandboxIncidents, type SandboxIncident } from './sandbox-incidents';
import { trackForScreenshots } from './setup';

/**
 * Issue 12: the overlay on threat bulletin and threat investigation pages, in real Chromium
 * against the sandbox's Intel Exchange pages. Modelled on overlay.e2e.ts (issue 11).
 */

let h: Harness;
const READY = ['review', 'enriched', 'duplicate'];

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

async function open(path: string): Promise<Page> {
  const page = await h.openUrl(`${h.sandbox.url}${path}`);
  await page.setViewport({ width: 1280, height: 900 });
  return page;
}

const panelText = (page: Page) =>
  page.$eval('cftr-ov-object >>> .panel', (e) => e.textContent ?? '').catch(() => '');

/** Create from the panel's action; returns the one incident the sandbox received. */
async function createFromPanel(page: Page, shot: string): Promise<SandboxIncident> {
  await page.waitForSelector('cftr-ov-object >>> button.create', { timeout: 10_000 });
  await page.click('cftr-ov-object >>> button.create');
  await waitForState(page, READY, 30_000);
  await h.screenshot(page, shot);
  const frame = await dialogFrame(page);
  const before = (await incidents()).length;
  await frame.click('button[type=submit]');
  await waitForState(page, ['done'], 20_000);
  const created = (await incidents()).slice(before);
  expect(created).toHaveLength(1);
  await frame.click('button[aria-label=Close]');
  return created[0] as SandboxIncident;
}

describe('a threat bulletin page', () => {
  it('a published bulletin: one incident with its report’s mapped IOCs, titled by the bulletin; the page lists it', async () => {
    const page = await open(`/ctix/threat-bulletin/${KNOWN_IDS.bulletin}`);
    await page.waitForSelector('cftr-ov-object >>> button.create', { timeout: 10_000 });
    // In the bulletin's menu area next to its title, not floating.
    const anchored = await page.$eval(
      'cftr-ov-object',
      (host) => host.parentElement?.querySelector('[aria-haspopup=menu]') !== null,
    );
    expect(anchored).toBe(true);
    expect(await page.$eval('cftr-ov-object >>> button.create', (b) => b.disabled)).toBe(false);
    const incident = await createFromPanel(page, 'overlay-bulletin-dialog');
    expect(incident.title).toBe(KNOWN.bulletinTitle);
    const sent = Object.values(incident.body.threat_intel).flat();
    // The report's mapped IOCs (the bulletin's description names two of them).
    expect(sent).toContain(KNOWN.ipv4);
    expect(sent).toContain(KNOWN.domain);
    await expect.poll(() => panelText(page), { timeout: 10_000 }).toContain(incident.readable_id);
    const href = await page.$eval(
      'cftr-ov-object >>> .incidents a',
      (a) => (a as HTMLAnchorElement).href,
    );
    expect(href).toContain(`/cftr/incidents/${incident.unique_id}/`);
    await h.screenshot(page, 'overlay-bulletin-incidents');
    await page.close();
  }, 90_000);

  it('a draft bulletin: the action is disabled and says why', async () => {
    const page = await open(`/ctix/threat-bulletin/${KNOWN_IDS.draftBulletin}`);
    await page.waitForSelector('cftr-ov-object >>> button.create', { timeout: 10_000 });
    await page.waitForFunction(
      () =>
        (
          document
            .querySelector('cftr-ov-object')
            ?.shadowRoot?.querySelector('button.create') as HTMLButtonElement | null
        )?.disabled === true,
      { timeout: 10_000 },
    );
    expect(await panelText(page)).toMatch(/draft: publish it in Intel Exchange/);
    await h.screenshot(page, 'overlay-bulletin-draft');
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
    await h.screenshot(page, 'overlay-bulletin-draft-dark');
    await page.close();
  }, 30_000);
});

describe('a threat investigation page', () => {
  it('the canvas action: one incident of its indicator nodes, titled by the investigation; Basic Details lists it and opens Respond', async () => {
    const page = await open(`/ctix/threat-investigation/${KNOWN_IDS.canvas}`);
    await page.waitForSelector('cftr-ov-object >>> button.create', { timeout: 10_000 });
    const inDetails = await page.$eval(
      'cftr-ov-object',
      (host) => host.parentElement?.querySelector('h2')?.textContent ?? '',
    );
    expect(inDetails).toBe('Basic Details');
    const incident = await createFromPanel(page, 'overlay-investigation-dialog');
    expect(incident.title).toBe(KNOWN.canvasName);
    expect(Object.values(incident.body.threat_intel).flat()).toContain(KNOWN.ipv4);
    await expect.poll(() => panelText(page), { timeout: 10_000 }).toContain(incident.readable_id);
    await h.screenshot(page, 'overlay-investigation-incidents');
    // The click opens the incident in Respond.
    const opened = new Promise<string>((resolve) => {
      h.browser.once('targetcreated', (t: { url(): string }) => resolve(t.url()));
    });
    await page.click('cftr-ov-object >>> .incidents a');
    expect(await opened).toContain(`/cftr/incidents/${incident.unique_id}/`);
    await page.close();
  }, 90_000);

  it('a node’s own action (right-click): one incident of that node only, titled by the investigation', async () => {
    const page = await open(`/ctix/threat-investigation/${KNOWN_IDS.canvas}`);
    await page.waitForSelector('cftr-ov-object >>> button.create', { timeout: 10_000 });
    await page.click(`[data-node-id="indicator--${KNOWN_IDS.ipv4}"]`, { button: 'right' });
    await page.waitForSelector('cftr-ov-node-menu >>> .menu:not([hidden]) button.create', {
      timeout: 5_000,
    });
    await h.screenshot(page, 'overlay-investigation-node-menu');
    await page.click('cftr-ov-node-menu >>> button.create');
    await waitForState(page, READY, 30_000);
    const frame = await dialogFrame(page);
    const before = (await incidents()).length;
    await frame.click('button[type=submit]');
    await waitForState(page, ['done'], 20_000);
    const [incident] = (await incidents()).slice(before);
    expect(incident?.title).toBe(KNOWN.canvasName);
    expect(Object.values(incident?.body.threat_intel ?? {}).flat()).toEqual([KNOWN.ipv4]);
    await page.close();
  }, 90_000);

  it('navigating between the four page kinds many times leaves one action each, no errors', async () => {
    const page = await open(`/ctix/threatdata`);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    const paths = [
      `/ctix/threat-bulletin/${KNOWN_IDS.bulletin}`,
      `/ctix/threat-investigation/${KNOWN_IDS.canvas}`,
      `/ctix/threatdata/indicator/${KNOWN_IDS.ipv4}`,
    ];
    for (let round = 0; round < 3; round++) {
      for (const path of paths) {
        await page.goto(`${h.sandbox.url}${path}`);
        await page.waitForSelector('cftr-ov-object >>> button.create', { timeout: 10_000 });
        expect(await page.$$eval('cftr-ov-object', (els) => els.length)).toBe(1);
      }
    }
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);
});
