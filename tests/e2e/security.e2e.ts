import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configureAgainstSandbox, sendFromPage } from './configure';
import { launchHarness, type Harness } from './harness';
import { trackForScreenshots } from './setup';

/**
 * The background is the only holder of secrets: in a real Chromium, nothing a web page or a
 * content script can reach carries one, other extensions are refused, and the secret is not
 * on disk in the clear.
 */

let h: Harness;
let secrets: string[];

/** Run `fn` as OUR content script in the tab showing `url` (scripting.executeScript). */
async function inContentScript<T>(
  url: string,
  fn: string,
  world: 'ISOLATED' | 'MAIN' = 'ISOLATED',
): Promise<T> {
  const page = await h.openUrl(url);
  try {
    return await h.evalWorker<T>(`(async () => {
      const [tab] = await chrome.tabs.query({ url: ${JSON.stringify(url)} });
      const [result] = await chrome.scripting.executeScript({
        target: { tabId: tab.id },
        world: ${JSON.stringify(world)},
        func: ${fn},
      });
      return result.result;
    })()`);
  } finally {
    await page.close();
  }
}

const ask = (type: string) => `async () => {
  try {
    return await chrome.runtime.sendMessage({ channel: 'cftr-bridge', type: ${JSON.stringify(type)}, payload: {} });
  } catch (error) {
    return { thrown: String(error) };
  }
}`;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile());
}

beforeAll(async () => {
  h = await launchHarness();
  await configureAgainstSandbox(h);
  secrets = [h.sandbox.credentials.ctix.secret, h.sandbox.credentials.cftr.secret];
}, 60_000);
afterAll(async () => h?.close());
trackForScreenshots(() => h);

describe('secrets stay in the background', () => {
  it('our pages see only whether a secret is set, never its value', async () => {
    const page = await h.openExtensionPage('popup.html');
    const view = (await sendFromPage(page, 'settings.get', {})) as {
      ok: boolean;
      data: { secrets: { cftr: { set: boolean } } };
    };
    expect(view.ok).toBe(true);
    expect(view.data.secrets.cftr.set).toBe(true);
    const exported = await sendFromPage(page, 'settings.export', {});
    for (const secret of secrets) {
      expect(JSON.stringify(view)).not.toContain(secret);
      expect(JSON.stringify(exported)).not.toContain(secret);
    }
    // Storage areas that pages and content scripts can read hold no secret either.
    const areas = await page.evaluate(async () => {
      const c = (
        globalThis as unknown as {
          chrome: { storage: Record<string, { get(k: null): Promise<unknown> }> };
        }
      ).chrome;
      return JSON.stringify([await c.storage.local!.get(null), await c.storage.session!.get(null)]);
    });
    for (const secret of secrets) expect(areas).not.toContain(secret);
    await page.close();
  });

  it('a content script asking for settings is refused; what it may ask carries no secret', async () => {
    const url = `${h.sandbox.url}/pages/plain.html`;
    const settings = await inContentScript<{ ok: boolean; error?: { code: string } }>(
      url,
      ask('settings.get'),
    );
    expect(settings).toEqual({
      ok: false,
      error: { code: 'not-allowed', message: expect.any(String) },
    });
    const exported = await inContentScript<{ ok: boolean; error?: { code: string } }>(
      url,
      ask('settings.export'),
    );
    expect(exported).toMatchObject({ ok: false, error: { code: 'not-allowed' } });
    const status = await inContentScript<{ ok: boolean; data: { cftr: { configured: boolean } } }>(
      url,
      ask('status.get'),
    );
    expect(status.ok).toBe(true);
    expect(status.data.cftr.configured).toBe(true);
    for (const secret of secrets)
      expect(JSON.stringify([settings, exported, status])).not.toContain(secret);
  });

  it('a web page cannot even address the extension', async () => {
    const url = `${h.sandbox.url}/pages/plain.html`;
    const result = await inContentScript<unknown>(
      url,
      `async () => {
        const runtime = globalThis.chrome && globalThis.chrome.runtime;
        if (!runtime || !runtime.sendMessage) return 'no runtime messaging';
        try {
          return await runtime.sendMessage(${JSON.stringify(h.extensionId)}, { channel: 'cftr-bridge', type: 'settings.get', payload: {} });
        } catch (error) {
          return 'threw: ' + String(error);
        }
      }`,
      'MAIN',
    );
    expect(result).toBe('no runtime messaging');
  });

  it('another extension is refused: no external listener, and the router rejects its ID', async () => {
    const dir = mkdtempSync(join(h.tmpDir, 'foreign-'));
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'manifest.json'),
      JSON.stringify({
        manifest_version: 3,
        name: 'Foreign',
        version: '1.0',
        background: { service_worker: 'bg.js' },
      }),
    );
    writeFileSync(join(dir, 'bg.js'), 'self.ready = true;');
    const foreignId = await h.browser.installExtension(dir);
    const target = await h.browser.waitForTarget(
      (t) =>
        t.type() === 'service_worker' && t.url().startsWith(`chrome-extension://${foreignId}/`),
    );
    const foreign = (await target.worker())!;
    await expect.poll(() => foreign.evaluate('self.ready === true').catch(() => false)).toBe(true);
    const answer = await foreign.evaluate(`chrome.runtime
      .sendMessage(${JSON.stringify(h.extensionId)}, { channel: 'cftr-bridge', type: 'settings.get', payload: {} })
      .then((r) => ({ answered: r }), (e) => ({ thrown: String(e) }))`);
    expect(answer).toEqual({
      thrown: expect.stringMatching(/Receiving end does not exist|Could not establish connection/),
    });

    // And if such a message ever reached the router (e.g. a future onMessageExternal), its
    // sender would be refused before anything is read.
    const routed = await h.evalWorker(`globalThis.__bridgeTest.route(
      { channel: 'cftr-bridge', type: 'settings.get', payload: {} },
      { id: ${JSON.stringify(foreignId)}, url: 'chrome-extension://${foreignId}/bg.js' }
    )`);
    expect(routed).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
  });

  it('the secret is not on disk in the clear (the profile’s IndexedDB files)', async () => {
    const dbDir = join(h.tmpDir, 'profile', 'Default', 'IndexedDB');
    const files = filesUnder(dbDir).filter((f) => f.includes(h.extensionId));
    expect(files.length).toBeGreaterThan(0);
    const bytes = Buffer.concat(files.map((f) => readFileSync(f)));
    // Control: the access ID, stored in the clear in the settings, is found this way.
    expect(bytes.includes(Buffer.from(h.sandbox.credentials.cftr.accessId))).toBe(true);
    for (const secret of secrets) {
      expect(bytes.includes(Buffer.from(secret))).toBe(false);
      expect(bytes.includes(Buffer.from(secret, 'utf16le'))).toBe(false);
    }
  });
});
