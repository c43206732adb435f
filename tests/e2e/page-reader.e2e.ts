import type { Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KNOWN } from '../../sandbox/known';
import { readPageInPage } from '../../utils/capture/page-scripts';
import { MAX_CAPTURE_CHARS, PAGE_CHUNK_CHARS } from '../../utils/capture/run-flow';
import { configureAgainstSandbox, sendFromPage } from './configure';
import { launchHarness, type Harness } from './harness';
import { trackForScreenshots } from './setup';

/**
 * The page reader on a 50 MB page in Chromium (issue 17): run exactly as
 * scripting.executeScript runs it (the function serialised alone, with the flow's arguments),
 * while a heartbeat in the page measures the longest main-thread gap.
 */

let h: Harness;
let page: Page;
beforeAll(async () => {
  h = await launchHarness();
  page = await h.browser.newPage();
  const loadStart = Date.now();
  await page.goto(`${h.sandbox.url}/pages/big.html?mb=50`, { waitUntil: 'load', timeout: 150_000 });
  console.info(`[50 MB page] loaded in ${Date.now() - loadStart} ms`);
}, 180_000);
afterAll(async () => h?.close());
trackForScreenshots(() => h);

interface Beat {
  maxGap: number;
  ticks: number;
}

async function startHeartbeat(target: Page): Promise<void> {
  await target.evaluate(() => {
    const w = window as unknown as { __beat: Beat & { last: number } };
    w.__beat = { last: performance.now(), maxGap: 0, ticks: 0 };
    setInterval(() => {
      const now = performance.now();
      w.__beat.maxGap = Math.max(w.__beat.maxGap, now - w.__beat.last);
      w.__beat.last = now;
      w.__beat.ticks++;
    }, 10);
  });
  await new Promise((r) => setTimeout(r, 300));
  await target.evaluate(() => {
    (window as unknown as { __beat: Beat }).__beat.maxGap = 0;
  });
}

/**
 * The goal (no gap over 200 ms) is a speed goal: the longest gap is printed for the
 * closing note, not asserted, because a timed assertion flakes on a loaded machine. What is
 * asserted is the freeze the old reader had (3.1 s with one synchronous read): a gap over a
 * second fails.
 */
const FREEZE_MS = 1000;

describe('reading a 50 MB page', () => {
  it('the reader alone: the page never freezes (the gap is printed)', async () => {
    await startHeartbeat(page);
    const started = Date.now();
    // The function's own source, as executeScript serialises it; the 8 MB answer stays in the
    // page (handing it to the test over CDP would add its own main-thread time).
    const read = (await page.evaluate(
      `(${readPageInPage.toString()})(${MAX_CAPTURE_CHARS}, ${PAGE_CHUNK_CHARS}).then((r) => {
        window.__read = r;
        return { ...r, text: r.text.length, hasIp: r.text.includes(${JSON.stringify(KNOWN.ipv4)}) };
      })`,
    )) as { text: number; totalChars: number; truncated: boolean; hasIp: boolean };
    const elapsed = Date.now() - started;
    // Let the heartbeat tick once after the last task.
    await new Promise((r) => setTimeout(r, 50));
    const beat = await page.evaluate(() => (window as unknown as { __beat: Beat }).__beat);
    console.info(
      `[50 MB page] read ${read.text} chars (of ${read.totalChars}) in ${elapsed} ms; longest main-thread gap ${Math.round(beat.maxGap)} ms over ${beat.ticks} ticks`,
    );
    expect(read.truncated).toBe(true);
    expect(read.text).toBe(MAX_CAPTURE_CHARS);
    expect(read.totalChars).toBeGreaterThan(40_000_000);
    expect(read.hasIp).toBe(true);
    expect(beat.maxGap).toBeLessThan(FREEZE_MS);
  }, 60_000);

  it('the page flow on it keeps the page responsive too', async () => {
    // The whole page flow on the same page, as the popup's "Create from this page" starts it:
    // read through scripting, the draft built in the worker, the review framed over the tab.
    await configureAgainstSandbox(h);
    const driver = await h.openExtensionPage('popup.html');
    const url = page.url();
    const tabId = await driver.evaluate(
      async (u) =>
        (
          await (
            globalThis as unknown as {
              chrome: { tabs: { query(q: object): Promise<{ id: number; url: string }[]> } };
            }
          ).chrome.tabs.query({})
        ).find((t) => t.url === u)?.id,
      url,
    );
    expect(tabId).toBeTypeOf('number');
    await page.bringToFront();
    await startHeartbeat(page);
    const lookups = async () =>
      (
        (await (
          await fetch(`${h.sandbox.url}/__sandbox/requests?product=ctix&path=bulk-lookup`)
        ).json()) as { total: number }
      ).total;
    const flowStart = Date.now();
    const answer = (await sendFromPage(driver, 'flow.startPage', { tabId })) as { ok: boolean };
    expect(answer.ok).toBe(true);
    // The review asks Intel Exchange about the IOCs once the draft is there: the page was read.
    await expect.poll(lookups, { timeout: 60_000, interval: 250 }).toBeGreaterThan(0);
    const flowMs = Date.now() - flowStart;
    await new Promise((r) => setTimeout(r, 500));
    const flowBeat = await page.evaluate(() => (window as unknown as { __beat: Beat }).__beat);
    console.info(
      `[50 MB page] page flow: start → first Intel Exchange lookup ${flowMs} ms; longest main-thread gap ${Math.round(flowBeat.maxGap)} ms over ${flowBeat.ticks} ticks`,
    );
    expect(flowBeat.maxGap).toBeLessThan(FREEZE_MS);
    await driver.close();
  }, 120_000);
});
