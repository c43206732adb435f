import { join } from 'node:path';
import type { Page } from 'puppeteer';
import { sendFromPage } from '../tests/e2e/configure';
import type { Harness } from '../tests/e2e/harness';

/**
 * The scripted tour of `npm run demo --headless`: what an analyst sees, step by step.
 * Each step saves a numbered screenshot; any failed step fails the demo (no silent skips).
 */
export async function runTour(h: Harness, outDir: string): Promise<string[]> {
  const shots: string[] = [];
  const shoot = async (page: Page, name: string) => {
    const file = `${String(shots.length + 1).padStart(2, '0')}-${name}.png`;
    await page.screenshot({ path: join(outDir, file), fullPage: true });
    shots.push(file);
  };

  // 1. The admin's setup: both connections saved and tested against the sandbox.
  const options = await h.openExtensionPage('options.html');
  for (const product of ['ctix', 'cftr'] as const) {
    const answer = (await sendFromPage(options, 'connection.test', { product })) as {
      ok: boolean;
      data?: { ok: boolean; latencyMs: number };
    };
    if (!answer.ok || !answer.data?.ok) {
      throw new Error(`connection test for ${product} failed: ${JSON.stringify(answer)}`);
    }
    console.log(`  ${product} connection OK in ${answer.data.latencyMs} ms`);
  }
  await options.reload({ waitUntil: 'networkidle0' });
  await shoot(options, 'options');

  // 2. The popup an analyst opens many times a day.
  const popup = await h.openExtensionPage('popup.html');
  await popup.setViewport({ width: 400, height: 600 });
  await popup.waitForNetworkIdle().catch(() => undefined);
  await shoot(popup, 'popup');
  return shots;
}
