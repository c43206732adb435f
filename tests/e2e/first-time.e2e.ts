import type { Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configureAgainstSandbox } from './configure';
import { launchHarness, type Harness } from './harness';
import { clickMenu, dialogFrame, waitForDialog, waitForState } from './review-frame';
import { sandboxIncidents } from './sandbox-incidents';
import { trackForScreenshots } from './setup';

/**
 * Issue 16, what a first-time admin and analyst trip over, each reproduced in real Chromium
 * against the sandbox: an expired key known before Create, a badge that says which problem,
 * a template that fits the flow, errors that point to their fix.
 */

let h: Harness;
const READY = ['review', 'enriched', 'duplicate'];
const CREATE_PATH = '/cftrapi/openapi/v1/incident/';

const day = (offset: number) => {
  const d = new Date(Date.now() + offset * 86_400_000);
  return d.toLocaleDateString('sv-SE');
};

async function control(path: string, init?: RequestInit) {
  const res = await fetch(`${h.sandbox.url}/__sandbox/${path}`, init);
  return res.json() as Promise<unknown>;
}
const incidents = () => sandboxIncidents(h);

const badge = () =>
  h.evalWorker<{ text: string; title: string }>(
    `(async () => ({ text: await chrome.action.getBadgeText({}), title: await chrome.action.getTitle({}) }))()`,
  );

beforeAll(async () => {
  h = await launchHarness();
  await configureAgainstSandbox(h);
  await h.evalWorker(
    'globalThis.__bridgeTest.setOutboxTiming({ settleMs: 1000, backoffBaseMs: 200 })',
  );
});
afterAll(async () => h?.close());
trackForScreenshots(() => h);

async function openPageFlow(): Promise<Page> {
  const page = await h.openUrl(`${h.sandbox.url}/pages/plain.html`);
  await page.setViewport({ width: 1100, height: 860 });
  await clickMenu(h, 'page', page);
  await waitForDialog(page);
  await waitForState(page, READY, 20_000);
  return page;
}

describe('an expired Respond key', () => {
  it('is known before Create: the dialog says what to do and Create is off; the badge says EXP', async () => {
    const cftr = {
      baseUrl: h.sandbox.cftrBase,
      accessId: h.sandbox.credentials.cftr.accessId,
      expiresOn: day(-2),
      uiUrl: `${h.sandbox.url}/cftr/`,
    };
    await configureAgainstSandbox(h, { cftr });
    try {
      await expect.poll(() => badge().then((b) => b.text), { timeout: 10_000 }).toBe('EXP');
      expect((await badge()).title).toContain(
        `The Respond API key expired on ${day(-2)}: replace it in the options.`,
      );
      const page = await openPageFlow();
      const frame = await dialogFrame(page);
      await frame.waitForSelector('.blocked-note', { timeout: 10_000 });
      expect(await frame.$eval('.blocked-note', (e) => e.textContent)).toMatch(
        /The Respond API key expired on .*: nothing can be created until it is replaced/,
      );
      expect(
        await frame.$eval('button[type=submit]', (b) => (b as HTMLButtonElement).disabled),
      ).toBe(true);
      await h.screenshot(page, 'first-time-expired-key-dialog');
      await page.close();
    } finally {
      await configureAgainstSandbox(h);
    }
    await expect.poll(() => badge().then((b) => b.text), { timeout: 10_000 }).toBe('');
  }, 60_000);

  it('a key that expires soon shows "!" with the days left; a failed incident then wins, in red', async () => {
    const cftr = {
      baseUrl: h.sandbox.cftrBase,
      accessId: h.sandbox.credentials.cftr.accessId,
      expiresOn: day(3),
      uiUrl: `${h.sandbox.url}/cftr/`,
    };
    await configureAgainstSandbox(h, { cftr });
    try {
      await expect.poll(() => badge().then((b) => b.text), { timeout: 10_000 }).toBe('!');
      expect((await badge()).title).toMatch(/The Respond API key expires in 3 days/);
      // A create Respond refuses for good.
      await control('faults', {
        method: 'POST',
        body: JSON.stringify({ method: 'POST', path: CREATE_PATH, action: 'status', status: 405 }),
      });
      const page = await openPageFlow();
      const frame = await dialogFrame(page);
      await frame.click('button[type=submit]');
      await waitForState(page, ['error'], 20_000);
      // The error names its fix: the create path in the incident template.
      expect(await frame.$eval('.error-text', (e) => e.textContent)).toMatch(
        /refused POST v1\/incident\/ \(status 405\)\. The create path is wrong for this tenant: fix "Create path" under Incident template/,
      );
      await h.screenshot(page, 'first-time-405-points-to-template');
      await page.close();
      await expect.poll(() => badge().then((b) => b.text), { timeout: 10_000 }).toBe('1');
      const { title } = await badge();
      expect(title.split('\n').slice(1)).toEqual([
        '1 incident failed: open the popup to see why and retry.',
        expect.stringMatching(/^The Respond API key expires in 3 days/),
      ]);
    } finally {
      await control('faults', { method: 'DELETE' });
      await configureAgainstSandbox(h);
    }
  }, 60_000);
});

describe('the incident template', () => {
  it('a web page incident says it came from a web page, not from Intel Exchange', async () => {
    const before = (await incidents()).length;
    const page = await openPageFlow();
    const frame = await dialogFrame(page);
    await frame.click('button[type=submit]');
    await waitForState(page, ['done'], 20_000);
    const [created] = (await incidents()).slice(before);
    expect(created?.body['source']).toBe('Web page');
    await page.close();
  }, 60_000);
});
