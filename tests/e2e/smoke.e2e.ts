import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchHarness, type Harness } from './harness';
import { trackForScreenshots } from './setup';

describe('the built extension in Chromium', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await launchHarness();
  });
  afterAll(async () => h?.close());
  trackForScreenshots(() => h);

  it('is loaded: its service worker runs and reports our manifest', async () => {
    expect(h.extensionId).toMatch(/^[a-p]{32}$/);
    const manifest = await h.evalWorker<{ name: string; manifest_version: number }>(
      'chrome.runtime.getManifest()',
    );
    expect(manifest.name).toBe('CFTR Incident Bridge');
    expect(manifest.manifest_version).toBe(3);
  });

  it('renders the options page and the popup', async () => {
    const options = await h.openExtensionPage('options.html');
    await options.waitForSelector('h1');
    expect(await options.title()).toMatch(/CFTR Incident Bridge/);
    await h.screenshot(options, 'smoke-options');

    const popup = await h.openExtensionPage('popup.html');
    await popup.waitForSelector('main');
    expect(await popup.title()).toMatch(/CFTR Incident Bridge/);
    await h.screenshot(popup, 'smoke-popup');
  });

  it('reaches the sandbox from the worker, signed requests included', async () => {
    const status = await h.evalWorker<number>(
      `fetch(${JSON.stringify(h.sandbox.url + '/ctixapi/ping/')}).then((r) => r.status)`,
    );
    // Unsigned: the sandbox is reachable and answers like Cyware (401 without a signature).
    expect(status).toBe(401);
  });

  it('survives a service-worker kill and comes back', async () => {
    await h.evalWorker('globalThis.__smokeMark = 1');
    await h.stopWorker();
    expect(await h.evalWorker('globalThis.__smokeMark')).toBeUndefined();
    expect(await h.evalWorker('globalThis.__bridgeReady')).toBe(true);
  });
});
