import { it } from 'vitest';
import { configureAgainstSandbox } from './configure';
import { launchHarness } from './harness';

it('probe', async () => {
  const h = await launchHarness();
  await configureAgainstSandbox(h);
  const page = await h.openUrl(`${h.sandbox.url}/pages/plain.html`);
  page.on('console', (m) => console.log('PAGE', m.text()));
  const w = await (h as unknown as { worker(): Promise<import('puppeteer').WebWorker> }).worker?.();
  w?.on('console', (m) => console.log('WORKER', m.text()));
  const url = page.url();
  await h.evalWorker(`(async () => {
    const tabs = await chrome.tabs.query({});
    const tab = tabs.find((t) => t.url === ${JSON.stringify(url)});
    chrome.contextMenus.onClicked.dispatch({ menuItemId: 'cftr-from-page', pageUrl: ${JSON.stringify(url)}, frameId: 0, editable: false }, tab);
  })()`);
  for (let i = 0; i < 30; i++) {
    await new Promise((r) => setTimeout(r, 300));
    const frames = page.frames().map((f) => f.url());
    const host = await page.evaluate(() => !!document.querySelector('cftr-review-frame'));
    console.log(i, host, frames);
    if (frames.length > 1) {
      const f = page.frames()[1]!;
      await new Promise((r) => setTimeout(r, 1500));
      console.log(
        await f.evaluate(() => document.querySelector('[role=dialog]')?.getAttribute('data-state')),
      );
      await page.screenshot({ path: 'test-output/probe-viewport.png' });
      await page.screenshot({ path: 'test-output/probe-full.png', fullPage: true });
      console.log('hit', await page.evaluate(() => document.elementFromPoint(400, 300)?.tagName));
      break;
    }
  }
  console.log(await h.evalWorker(`chrome.runtime.getURL('/review.html')`));
  await h.close();
}, 60_000);
