import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { launch, type Browser, type Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Smoke test of the production Firefox build in real headless Firefox ESR, driven by puppeteer
 * over WebDriver BiDi as ../shared/docs/browser-testing.md describes: installed as a temporary
 * add-on, its page origin pinned with `extensions.webextensions.uuids`.
 */
const ROOT = resolve(import.meta.dirname, '../..');
const BUILD = resolve(ROOT, process.env.BRIDGE_FIREFOX_BUILD ?? '.output/firefox-mv3');
const FIREFOX =
  process.env.FIREFOX_PATH ??
  ['/usr/bin/firefox-esr', '/usr/bin/firefox'].find((p) => existsSync(p)) ??
  '';
const UUID = '6f1c2a9e-0b7d-4c53-9a41-3e2f8d5b7c10';
const ORIGIN = `moz-extension://${UUID}`;

const manifest = JSON.parse(readFileSync(join(BUILD, 'manifest.json'), 'utf8')) as {
  browser_specific_settings: { gecko: { id: string; strict_min_version: string } };
};
const GECKO_ID = manifest.browser_specific_settings.gecko.id;

async function open(browser: Browser, path: string): Promise<Page> {
  const page = await browser.newPage();
  // BiDi may never report the navigation's end for moz-extension:// pages here: start it with a
  // short timeout and let the caller wait for content (a page that never loads fails there).
  await page
    .goto(`${ORIGIN}/${path}`, { waitUntil: 'domcontentloaded', timeout: 3_000 })
    .catch(() => undefined);
  return page;
}

describe('the production build in Firefox ESR', () => {
  let browser: Browser;
  let tmp: string;
  let installedId: string;

  beforeAll(async () => {
    if (!FIREFOX)
      throw new Error('No Firefox found: apt-get install -y firefox-esr, or FIREFOX_PATH');
    tmp = mkdtempSync(join(tmpdir(), 'cftr-ff-'));
    browser = await launch({
      browser: 'firefox',
      executablePath: FIREFOX,
      headless: true,
      userDataDir: join(tmp, 'profile'),
      // Lets BiDi open moz-extension:// pages in a tab (tests only).
      args: ['--remote-allow-system-access'],
      extraPrefsFirefox: {
        'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: UUID }),
        'extensions.webextOptionalPermissionPrompts': false,
      },
      env: { ...process.env, XDG_CONFIG_HOME: join(tmp, 'xdg'), XDG_CACHE_HOME: join(tmp, 'xdg') },
    });
    installedId = await browser.installExtension(BUILD);
  });
  afterAll(async () => {
    await browser?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('installs under its fixed add-on ID', () => {
    expect(GECKO_ID).toBe('cftr-incident-bridge@cftr-bridge.addons');
    expect(installedId).toBe(GECKO_ID);
  });

  it('opens the options page, whose settings come from the background', async () => {
    const page = await open(browser, 'options.html');
    // The connection form is drawn only after the worker answered settings.get (zod-checked
    // on both sides, so this also shows the jitless zod build works in Firefox).
    await page.waitForSelector('#ctix-baseUrl', { timeout: 20_000 });
    await page.waitForSelector('.status-items', { timeout: 20_000 });
    expect(await page.title()).toMatch(/CFTR Incident Bridge/);
    await page.close();
  });

  it('opens the popup, which asks to connect Respond when nothing is set up', async () => {
    const page = await open(browser, 'popup.html');
    await page.waitForSelector('::-p-text(Connect to Cyware Respond)', { timeout: 20_000 });
    await page.close();
  });
});
