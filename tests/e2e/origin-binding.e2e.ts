import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/index';
import { configureAgainstSandbox, sendFromPage } from './configure';
import { launchHarness, type Harness } from './harness';
import { trackForScreenshots } from './setup';
import { waitForText } from './page-text';

/**
 * A settings file that moves Respond to another host (same machine, another port: another
 * origin the e2e build still holds a host permission for) must not take the secret along:
 * Test connection sends nothing signed there, and the options page says the secret was cleared.
 */

let h: Harness;
let other: Sandbox;

beforeAll(async () => {
  h = await launchHarness();
  await configureAgainstSandbox(h);
  other = await startSandbox({ port: 0 });
}, 60_000);
afterAll(async () => {
  await other?.stop();
  await h?.close();
});
trackForScreenshots(() => h);

describe('secrets bound to their origin', () => {
  it('an import that moves Respond to another host clears its secret; nothing signed goes there', async () => {
    expect(new URL(other.url).origin).not.toBe(new URL(h.sandbox.url).origin);
    const page = await h.openExtensionPage('options.html');
    await page.waitForSelector('#cftr-baseUrl');
    const current = (await sendFromPage(page, 'settings.get', {})) as {
      data: { settings: { cftr: Record<string, unknown> } & Record<string, unknown> };
    };
    const settings = {
      ...current.data.settings,
      cftr: { ...current.data.settings.cftr, baseUrl: other.cftrBase, uiUrl: '' },
    };
    const file = join(mkdtempSync(join(tmpdir(), 'cftr-import-')), 'moved.json');
    writeFileSync(
      file,
      JSON.stringify({ format: 'cftr-incident-bridge/settings', version: 1, settings }),
    );
    const input = await page.waitForSelector('input#import-file');
    await input!.uploadFile(file);
    await waitForText(page, '.import-result', /Imported the settings/);

    const notice = await waitForText(page, '.secret-cleared', /secret cleared/);
    expect(notice).toContain(
      'secret cleared: the API address moved to another host; enter the secret again',
    );

    const test = await page.waitForSelector('#cftr-test');
    await test!.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await test!.click();
    await waitForText(page, '#cftr-test-result', /\S/);
    await new Promise((r) => setTimeout(r, 500));

    const res = await fetch(`${other.url}/__sandbox/requests`);
    const log = (await res.json()) as { results: { query: Record<string, string> }[] };
    expect(log.results.filter((r) => 'Signature' in r.query)).toEqual([]);
    expect(log.results).toEqual([]);

    const view = (await sendFromPage(page, 'settings.get', {})) as {
      data: { secrets: { cftr: { set: boolean; cleared?: string }; ctix: { set: boolean } } };
    };
    expect(view.data.secrets.cftr).toMatchObject({ set: false, cleared: 'origin-moved' });
    expect(view.data.secrets.ctix.set).toBe(true);

    await (await page.$('.secret-cleared'))!.evaluate((el) =>
      el.scrollIntoView({ block: 'center' }),
    );
    await h.screenshot(page, 'options-secret-cleared');
    await page.close();
  }, 60_000);
});
