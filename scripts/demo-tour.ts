import { join } from 'node:path';
import type { Page } from 'puppeteer';
import { sendFromPage } from '../tests/e2e/configure';
import type { Harness } from '../tests/e2e/harness';
import { dialogFrame, waitForState } from '../tests/e2e/review-frame';

/**
 * The scripted tour of `npm run demo -- --headless`: what an admin and an analyst see, step by
 * step. Each step saves a numbered screenshot; a failed step fails the demo (no silent skips).
 */

const waitForDialogState = waitForState;

export async function runTour(h: Harness, outDir: string): Promise<string[]> {
  const shots: string[] = [];
  const shoot = async (page: Page, name: string, fullPage = true) => {
    const file = `${String(shots.length + 1).padStart(2, '0')}-${name}.png`;
    await page.bringToFront();
    await page.screenshot({ path: join(outDir, file), fullPage });
    shots.push(file);
    console.log(`  ${file}`);
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
  await options.reload({ waitUntil: 'networkidle0' });
  await shoot(options, 'options-setup');

  // 2. An analyst reads a vendor report and selects its text.
  const report = await h.openUrl(`${h.sandbox.url}/pages/report.html`);
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
  await waitForDialogState(report, ['review', 'enriched', 'duplicate']);
  // Enrichment never blocks the dialog; give the Intel Exchange lookups a moment to land.
  await waitForDialogState(report, ['enriched', 'duplicate'], 10_000).catch(() => undefined);
  await shoot(report, 'review-dialog', false);

  // 4. Create → the readable ID with a link to Respond.
  await (await dialogFrame(report)).click('button[type=submit]');
  await waitForDialogState(report, ['done']);
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
    await popup.setViewport({ width: 400, height: 600 });
    await popup.waitForNetworkIdle().catch(() => undefined);
    await shoot(popup, `popup-${scheme}`, false);
  }
  return shots;
}
