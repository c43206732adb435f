import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configureAgainstSandbox, sendFromPage } from './configure';
import { launchHarness, PROD_BUILD, type Harness } from './harness';
import { waitForText } from './page-text';
import { trackForScreenshots } from './setup';

/**
 * Issue 13: no signed request goes to an origin the extension holds no host permission for,
 * and the message names the missing permission. The PRODUCTION build, where nothing is
 * pre-granted; this test grants nothing either (the settings are stored through the worker's
 * settings.save, as an import would, without the options page's permission request), so the
 * sandbox origin http://127.0.0.1:<port> is not granted. The sandbox's request log must stay
 * empty.
 */

let h: Harness;

beforeAll(async () => {
  h = await launchHarness({ extensionPath: PROD_BUILD });
  await configureAgainstSandbox(h);
}, 60_000);
afterAll(async () => {
  await h?.close();
});
trackForScreenshots(() => h);

async function sandboxLog(): Promise<unknown[]> {
  const res = await fetch(`${h.sandbox.url}/__sandbox/requests`);
  return ((await res.json()) as { results: unknown[] }).results;
}

describe('a missing host permission', () => {
  it('the worker refuses to sign: both connection tests and a create send nothing, and say which permission is missing', async () => {
    const page = await h.openExtensionPage('options.html');
    await page.waitForSelector('#cftr-test');
    const granted = await page.evaluate(
      (origin: string) =>
        (
          globalThis as unknown as {
            chrome: { permissions: { contains(p: { origins: string[] }): Promise<boolean> } };
          }
        ).chrome.permissions.contains({ origins: [`${origin}/*`] }),
      new URL(h.sandbox.url).origin,
    );
    expect(granted).toBe(false);

    // Straight to the worker (a page that skipped its own check): the HTTP layer refuses.
    const answer = (await sendFromPage(page, 'connection.test', { product: 'cftr' })) as {
      ok: boolean;
      data: { ok: boolean; error?: { kind: string; message: string } };
    };
    expect(answer.ok).toBe(true);
    expect(answer.data.ok).toBe(false);
    expect(answer.data.error?.kind).toBe('permission-missing');
    expect(answer.data.error?.message).toMatch(
      /no host permission for http:\/\/127\.0\.0\.1[^ ]*\/\*/,
    );

    const ctix = (await sendFromPage(page, 'connection.test', { product: 'ctix' })) as {
      data: { error?: { kind: string } };
    };
    expect(ctix.data.error?.kind).toBe('permission-missing');

    // A create: the outbox tries, nothing leaves, and the history row says why.
    const requestId = randomUUID();
    await sendFromPage(page, 'incident.create', {
      incident: {
        requestId,
        title: 'No permission',
        description: 'x',
        iocs: [{ type: 'domain', value: 'evil-login.example' }],
        source: { kind: 'page', url: 'https://n.example/x', pageTitle: 'x', host: 'n.example' },
      },
    });
    const deadline = Date.now() + 15_000;
    interface Row {
      state: string;
      error?: { kind: string; message: string };
    }
    let item: Row | null = null;
    for (;;) {
      const got = (await sendFromPage(page, 'incident.get', { id: requestId })) as {
        data: { item: Row | null };
      };
      item = got.data.item;
      if (item?.error) break;
      if (Date.now() > deadline) throw new Error(`no error on the item: ${JSON.stringify(item)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const row = item as Row;
    expect(row.error?.kind).toBe('permission-missing');
    expect(row.error?.message).toMatch(/http:\/\/127\.0\.0\.1/);

    // The options page's own button says the same in words, before asking the worker.
    const test = await page.waitForSelector('#cftr-test');
    await test!.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await test!.click();
    const shown = await waitForText(page, '#cftr-test-result', /\S/);
    expect(shown).toMatch(/127\.0\.0\.1/);
    await h.screenshot(page, 'options-permission-missing');

    expect(await sandboxLog()).toEqual([]);
    await page.close();
  }, 60_000);
});
