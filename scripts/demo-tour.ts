import { join } from 'node:path';
import type { Page } from 'puppeteer';
import { KNOWN_IDS } from '../sandbox/index';
import { sendFromPage } from '../tests/e2e/configure';
import type { Harness } from '../tests/e2e/harness';
import { sandboxIncidents } from '../tests/e2e/sandbox-incidents';
import { dialogFrame, waitForState, waitForVerdicts } from '../tests/e2e/review-frame';

/**
 * The scripted tour of `npm run demo -- --headless`: what an admin and an analyst see, step by
 * step. Each step saves a numbered screenshot; a failed step fails the demo (no silent skips).
 *
 * With `picturesDir` (`npm run pictures`) the same steps also write the README pictures and the
 * store screenshots there: viewport shots at the store size (1280×800), plus the popup at its
 * own size. The Intel Exchange steps find their pages by URL and wait for the overlay's own
 * elements only, so a change to the sandbox's page markup does not break them.
 */

/** Chrome Web Store and AMO screenshot size. */
export const STORE_SIZE = { width: 1280, height: 800 } as const;
const POPUP_SIZE = { width: 400, height: 600 } as const;
const READY = ['review', 'enriched', 'duplicate'];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Two animation frames: layout after a viewport change has been painted. */
const painted = (page: Page) =>
  page.evaluate(
    () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(null)))),
  );

export async function runTour(h: Harness, outDir: string, picturesDir?: string): Promise<string[]> {
  const shots: string[] = [];
  let step = 0;
  const shoot = async (page: Page, name: string, fullPage = true) => {
    step += 1;
    const file = `${String(step).padStart(2, '0')}-${name}.png`;
    await page.bringToFront();
    await page.screenshot({ path: join(outDir, file), fullPage });
    shots.push(file);
    console.log(`  ${file}`);
  };
  /** A README picture / store screenshot: exactly what the viewport shows. */
  const picture = async (page: Page, name: string) => {
    if (!picturesDir) return;
    await page.bringToFront();
    await painted(page);
    const file = join(picturesDir, `${name}.png`);
    await page.screenshot({ path: file, fullPage: false });
    shots.push(file);
    console.log(`  ${file}`);
  };
  const openAtStoreSize = async (url: string) => {
    const page = await h.openUrl(url);
    await page.setViewport(STORE_SIZE);
    return page;
  };

  // 1. The admin's setup: both connections saved (by the demo) and tested, as on the page.
  const options = await h.openExtensionPage('options.html');
  for (const product of ['ctix', 'cftr'] as const) {
    const answer = (await sendFromPage(options, 'connection.test', { product })) as {
      ok: boolean;
      data?: { ok: boolean; latencyMs: number };
    };
    if (!answer.ok || !answer.data?.ok) {
      throw new Error(`connection test for ${product} failed: ${JSON.stringify(answer)}`);
    }
  }
  await options.setViewport(STORE_SIZE);
  await options.reload({ waitUntil: 'networkidle0' });
  await options.waitForSelector('#cftr-baseUrl');
  await shoot(options, 'options-setup');
  await picture(options, 'options');

  // 2. An analyst reads a vendor report and selects its text.
  const report = await openAtStoreSize(`${h.sandbox.url}/pages/report.html`);
  await report.evaluate(() => {
    const article = document.querySelector('article') ?? document.body;
    const range = document.createRange();
    range.selectNodeContents(article);
    getSelection()?.removeAllRanges();
    getSelection()?.addRange(range);
  });
  await shoot(report, 'report-selected', false);

  // 3. Right-click → "Create CFTR Incident from selection" (native menus cannot be clicked
  //    from automation, so the click is dispatched to the worker's real listeners).
  await h.evalWorker(`(async () => {
    const [tab] = (await chrome.tabs.query({})).filter((t) => t.url === ${JSON.stringify(report.url())});
    chrome.contextMenus.onClicked.dispatch(
      { menuItemId: 'cftr-from-selection', pageUrl: tab.url, frameId: 0, editable: false },
      tab,
    );
  })()`);
  await waitForState(report, READY);
  // Enrichment never blocks the dialog; the picture waits for Intel Exchange's verdicts.
  await waitForVerdicts(await dialogFrame(report));
  await shoot(report, 'review-dialog', false);
  await picture(report, 'review-dialog');

  // 4. Create → the readable ID with a link to Respond.
  await (await dialogFrame(report)).click('button[type=submit]');
  await waitForState(report, ['done']);
  await shoot(report, 'incident-created', false);
  const link = await (
    await dialogFrame(report)
  ).$eval('a.readable-id', (a) => (a as HTMLAnchorElement).getAttribute('href'));
  if (!link) throw new Error('the created incident has no link');

  // 5. The incident in Respond (the sandbox's incident page).
  const respond = await h.openUrl(link);
  await shoot(respond, 'respond-incident');

  // 6. The popup an analyst opens many times a day, light and dark.
  for (const scheme of ['light', 'dark'] as const) {
    const popup = await h.openExtensionPage('popup.html');
    await popup.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
    await popup.setViewport(POPUP_SIZE);
    await popup.waitForSelector('.incident-list > li .row-id');
    await popup.waitForNetworkIdle().catch(() => undefined);
    await shoot(popup, `popup-${scheme}`, false);
    if (scheme === 'light') {
      await picture(popup, 'popup');
      if (picturesDir) await storePopup(h, popup, picture);
    }
  }

  // 7. Intel Exchange, the threat data list: a few rows ticked, the bulk bar at the bottom.
  const list = await openAtStoreSize(`${h.sandbox.url}/ctix/threatdata`);
  await list.waitForSelector('cftr-ov-row', { timeout: 15_000 });
  await sleep(300);
  await list.$$eval('cftr-ov-row', (hosts) => {
    for (const host of hosts.slice(0, 4)) {
      (host.shadowRoot?.querySelector('input[type=checkbox]') as HTMLInputElement | null)?.click();
    }
  });
  await list.waitForFunction(
    () =>
      /\(4 selected\)/.test(
        document.querySelector('cftr-ov-bulk')?.shadowRoot?.querySelector('button.create')
          ?.textContent ?? '',
      ),
    { timeout: 10_000 },
  );
  await shoot(list, 'intel-exchange-list-selection', false);
  await picture(list, 'overlay-list');

  // 8. An object page: Create from its Quick Actions, then the page lists the new incident
  //    under "CFTR Incidents".
  const object = await openAtStoreSize(
    `${h.sandbox.url}/ctix/threatdata/indicator/${KNOWN_IDS.ipv4}`,
  );
  await object.waitForSelector('cftr-ov-object >>> button.create', { timeout: 15_000 });
  await object.click('cftr-ov-object >>> button.create');
  await waitForState(object, READY, 20_000);
  await (await dialogFrame(object)).click('button[type=submit]');
  await waitForState(object, ['done'], 20_000);
  // The dialog may also link an earlier incident holding this IOC: Respond's newest is ours.
  const readable = (await sandboxIncidents(h)).at(-1)?.readable_id ?? '';
  await (await dialogFrame(object)).click('button[aria-label=Close]');
  const listed = () =>
    object.$eval('cftr-ov-object >>> .incidents', (ul) => ul.textContent ?? '').catch(() => '');
  for (const until = Date.now() + 15_000; !(await listed()).includes(readable); await sleep(100)) {
    if (Date.now() > until) {
      throw new Error(`the object page does not list ${readable}: "${await listed()}"`);
    }
  }
  await shoot(object, 'intel-exchange-object-incidents', false);
  await picture(object, 'overlay-object');

  // 9. A threat bulletin: its action sits by the title; the review is titled by the bulletin.
  const bulletin = await openAtStoreSize(
    `${h.sandbox.url}/ctix/threat-bulletin/${KNOWN_IDS.bulletin}`,
  );
  await bulletin.waitForSelector('cftr-ov-object >>> button.create', { timeout: 15_000 });
  await shoot(bulletin, 'intel-exchange-bulletin', false);
  await picture(bulletin, 'overlay-bulletin');
  await bulletin.click('cftr-ov-object >>> button.create');
  await waitForState(bulletin, READY, 30_000);
  // The earlier incidents holding its IOCs show at once; the verdicts follow.
  await waitForVerdicts(await dialogFrame(bulletin));
  await shoot(bulletin, 'intel-exchange-bulletin-review', false);
  await picture(bulletin, 'overlay-bulletin-review');
  return shots;
}

/**
 * The popup at its own size on a store-size canvas: the stores take 1280×800 only, and a
 * popup stretched to that width is not what a user sees.
 */
async function storePopup(
  h: Harness,
  popup: Page,
  picture: (page: Page, name: string) => Promise<void>,
): Promise<void> {
  const png = Buffer.from(await popup.screenshot({ fullPage: false })).toString('base64');
  const canvas = await h.browser.newPage();
  await canvas.setViewport(STORE_SIZE);
  await canvas.setContent(`<!doctype html>
    <body style="margin:0;height:100vh;display:flex;align-items:center;justify-content:center;
      gap:64px;background:linear-gradient(135deg,#e8eef7,#f7f9fc);font:20px system-ui,sans-serif;color:#1b2a41">
      <div style="max-width:420px">
        <h1 style="font-size:34px;margin:0 0 16px">Every incident, one click away</h1>
        <p style="margin:0;line-height:1.5">Recent incidents with Respond's readable IDs:
          open, copy or retry them, with both connections' status at a glance.</p>
      </div>
      <img alt="" src="data:image/png;base64,${png}"
        style="width:${POPUP_SIZE.width}px;height:${POPUP_SIZE.height}px;border-radius:10px;
          box-shadow:0 12px 40px rgba(20,40,80,.25)">
    </body>`);
  await picture(canvas, 'store-popup');
  await canvas.close();
}
