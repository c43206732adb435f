// Where the overlay's first-load time goes: a CPU profile of the tenant page's renderer over the
// first load of the 10,000-row list with the overlay on. Run after `npm run bench:overlay` (which
// builds .output-bench-overlay), or with BRIDGE_E2E_BUILD=<dir>:
//   npx tsx bench/profile-overlay.ts
import { resolve } from 'node:path';
import { configureAgainstSandbox } from '../tests/e2e/configure';
import { launchHarness, REPO_ROOT } from '../tests/e2e/harness';
import { profileScript } from './lib/cpu-profile';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  const build = resolve(
    REPO_ROOT,
    process.env.BRIDGE_E2E_BUILD ?? '.output-bench-overlay/chrome-mv3',
  );
  const h = await launchHarness({ extensionPath: build });
  try {
    await configureAgainstSandbox(h, {
      overlay: { enabled: true, uiUrl: '', bulkLimit: 600, tagObjects: true },
    });
    await sleep(500);
    const page = await h.browser.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    const summary = await profileScript(page, 'ctix-overlay', async () => {
      await page.goto(`${h.sandbox.url}/ctix/threatdata?rows=10000`);
      await page.waitForSelector('cftr-ov-row', { timeout: 10_000 });
      await sleep(500);
    });
    const rows = (list: [string, number][], n: number) =>
      list
        .filter(([k]) => !k.startsWith('pptr:'))
        .slice(0, n)
        .map(([k, v]) => `  ${v.toFixed(1).padStart(7)} ms  ${k}`)
        .join('\n');
    console.log(
      `overlay script, with the DOM calls it makes: ${summary.inclusiveMs.toFixed(1)} ms`,
    );
    console.log(`self time by script:\n${rows(summary.byScript, 8)}`);
    console.log(`self time by function:\n${rows(summary.byFunction, 25)}`);
    const scroll = await profileScript(page, 'ctix-overlay', async () => {
      for (let i = 0; i < 10; i++) {
        await page.$eval('[data-testid=threat-data-viewport]', (v) => v.scrollBy(0, 800));
        await sleep(120);
      }
    });
    console.log(
      `\n10 scroll steps: overlay script with its DOM calls: ${scroll.inclusiveMs.toFixed(1)} ms`,
    );
    console.log(`self time by function:\n${rows(scroll.byFunction, 20)}`);
    await page.$eval('[data-testid=threat-data-viewport]', (v) => v.scrollTo(0, 0));
    await sleep(300);
    const nav = await profileScript(page, 'ctix-overlay', async () => {
      for (let i = 0; i < 5; i++) {
        const links = await page.$$('[role=row] a[href*="/ctix/threatdata/"]');
        await links[i]?.click();
        await page.waitForSelector('cftr-ov-object', { timeout: 10_000 });
        await page.goBack();
        await page.waitForSelector('cftr-ov-row', { timeout: 10_000 });
        await sleep(200);
      }
    });
    console.log(
      `\n5 navigations: overlay script with its DOM calls: ${nav.inclusiveMs.toFixed(1)} ms`,
    );
    console.log(`self time by function:\n${rows(nav.byFunction, 25)}`);
  } finally {
    await h.close();
  }
}

await main();
