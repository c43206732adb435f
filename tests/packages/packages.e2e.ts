import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { launchHarness, REPO_ROOT, SCREENSHOT_DIR } from '../e2e/harness';
import { launchFirefox, open, waitForText } from '../e2e-firefox/firefox';

/**
 * The store packages themselves (`npm run zip`), loaded as a reviewer or an admin would: the
 * Chrome zip unpacked in Chromium, the Firefox zip installed as a temporary add-on. A package
 * that misses a file, or whose manifest points at one it does not hold, fails here even when
 * the build folders work.
 */

const OUTPUT = join(REPO_ROOT, '.output');
const { version } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
  version: string;
};

/** The package `wxt zip` wrote for this version, e.g. cftr-incident-bridge-0.1.0-chrome.zip. */
function packageFor(target: 'chrome' | 'firefox'): string {
  const name = readdirSync(OUTPUT).find((f) => f.endsWith(`-${version}-${target}.zip`));
  if (!name) throw new Error(`No ${target} zip for ${version} in .output: run npm run zip`);
  return join(OUTPUT, name);
}

const tmp = mkdtempSync(join(tmpdir(), 'cftr-packages-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('the store packages', () => {
  it('the Chrome zip unpacks and runs in Chromium: worker, options page and popup', async () => {
    const zip = packageFor('chrome');
    const dir = join(tmp, 'chrome');
    execFileSync('unzip', ['-q', zip, '-d', dir]);
    expect(statSync(join(dir, 'manifest.json')).isFile()).toBe(true);
    const h = await launchHarness({ extensionPath: dir });
    try {
      const manifest = await h.evalWorker<{ version: string; name: string }>(
        'chrome.runtime.getManifest()',
      );
      expect(manifest).toMatchObject({ version, name: 'CFTR Incident Bridge' });
      const options = await h.openExtensionPage('options.html');
      await options.waitForFunction(
        () => document.querySelector('h1')?.textContent === 'CFTR Incident Bridge settings',
        { timeout: 20_000 },
      );
      // A screenshot of a tab in the background never completes: take it before the next tab.
      await h.screenshot(options, 'package-chrome-options');
      const popup = await h.openExtensionPage('popup.html');
      await popup.waitForSelector('[aria-label="Open settings"]', { timeout: 20_000 });
      await h.screenshot(popup, 'package-chrome-popup');
    } finally {
      await h.close();
    }
  });

  it('the Firefox zip installs as a temporary add-on and its options page runs', async () => {
    const zip = packageFor('firefox');
    const firefox = await launchFirefox({ extension: zip });
    try {
      const options = await open(firefox.browser, 'options.html');
      await waitForText(options, 'h1', /^CFTR Incident Bridge settings$/);
      expect(await options.evaluate('browser.runtime.getManifest().version')).toBe(version);
      await options.screenshot({ path: join(SCREENSHOT_DIR, 'package-firefox-options.png') });
    } finally {
      await firefox.close();
    }
  });
});
