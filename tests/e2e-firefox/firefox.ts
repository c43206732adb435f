import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { launch, type Browser, type Frame, type Page } from 'puppeteer';

/**
 * Driving the production Firefox build in headless Firefox ESR over WebDriver BiDi
 * (../shared/docs/browser-testing.md): the launch, our pages at a pinned origin, and the
 * review page driven through its own DOM where BiDi's child-frame locators fall short.
 */

export const ROOT = resolve(import.meta.dirname, '../..');
export const BUILD = resolve(ROOT, process.env.BRIDGE_FIREFOX_BUILD ?? '.output/firefox-mv3');
export const FIREFOX =
  process.env.FIREFOX_PATH ??
  ['/usr/bin/firefox-esr', '/usr/bin/firefox'].find((p) => existsSync(p)) ??
  '';
export const UUID = '6f1c2a9e-0b7d-4c53-9a41-3e2f8d5b7c10';
export const ORIGIN = `moz-extension://${UUID}`;

export const manifest = JSON.parse(readFileSync(join(BUILD, 'manifest.json'), 'utf8')) as {
  browser_specific_settings: { gecko: { id: string; strict_min_version: string } };
};
export const GECKO_ID = manifest.browser_specific_settings.gecko.id;

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** An element's text with whitespace collapsed; '' when it is not there (yet). */
export async function textOf(page: Page | Frame, selector: string): Promise<string> {
  return page
    .$eval(selector, (el) => el.textContent ?? '')
    .then((t) => t.replace(/\s+/g, ' ').trim())
    .catch(() => '');
}

export async function waitForText(
  page: Page | Frame,
  selector: string,
  pattern: RegExp,
): Promise<string> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const text = await textOf(page, selector);
    if (pattern.test(text)) return text;
    if (Date.now() > deadline) throw new Error(`${selector}: "${text}" never matched ${pattern}`);
    await sleep(100);
  }
}

/** Types like a user: focus, select all, delete, type. */
export async function typeInto(page: Page, selector: string, value: string): Promise<void> {
  const handle = await page.waitForSelector(selector, { timeout: 20_000 });
  if (!handle) throw new Error(`No ${selector}`);
  await handle.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await handle.click({ count: 3 });
  await page.keyboard.press('Backspace');
  await page.keyboard.type(value);
}

export async function click(page: Page | Frame, selector: string): Promise<void> {
  const handle = await page.waitForSelector(selector, { timeout: 20_000 });
  if (!handle) throw new Error(`No ${selector}`);
  await handle.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await handle.click();
}

export async function open(browser: Browser, path: string): Promise<Page> {
  const page = await browser.newPage();
  // BiDi may never report the navigation's end for moz-extension:// pages here: start it with a
  // short timeout and let the caller wait for content (a page that never loads fails there).
  await page
    .goto(`${ORIGIN}/${path}`, { waitUntil: 'domcontentloaded', timeout: 3_000 })
    .catch(() => undefined);
  return page;
}

export const READY = ['review', 'enriched', 'duplicate'];

/** Polls `read` until `done` accepts its value (waitForFunction is blocked by pages' CSP). */
export async function waitFor<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  what = 'value',
) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: ${JSON.stringify(value)} never matched`);
    await sleep(100);
  }
}

/** The review page framed in `tab` (BiDi may report its URL as about:blank: ask the frame). */
export async function reviewFrame(tab: Page): Promise<Frame> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    for (const f of tab.frames()) {
      if (f === tab.mainFrame() || f.detached) continue;
      const href = await f.evaluate(() => location.href).catch(() => f.url());
      if (/\/review\.html\?.*host=frame/.test(href)) return f;
    }
    if (Date.now() > deadline) {
      throw new Error(`the framed review did not appear: ${tab.frames().map((f) => f.url())}`);
    }
    await sleep(100);
  }
}

/**
 * The review's state, polled through its own DOM: Frame.waitForSelector in a child frame uses
 * a BiDi locator Firefox ESR 140 does not have ("context"), and waitForFunction compiles with
 * Function(), which our pages' CSP blocks.
 */
export async function stateIs(review: Frame | Page, states: string[]): Promise<string> {
  return waitFor(
    () =>
      review
        .evaluate(() => document.querySelector('[role=dialog]')?.getAttribute('data-state') ?? '')
        .catch(() => ''),
    (state) => states.includes(state),
    `review state (wanted ${states.join('|')})`,
  );
}

/**
 * A real mouse click on a review page's button, as a user makes it. The review's clickjacking
 * gate (Firefox has no IntersectionObserver v2) opens Create only after its document has been
 * visible and focused for a moment, so the review is focused first and the button awaited
 * enabled. The framed review fills its tab's viewport, so the button's place in the frame is its
 * place in the tab (checked, so a layout change fails here rather than clicking elsewhere).
 */
export async function clickInReview(tab: Page, review: Frame | Page, selector: string) {
  await review.evaluate(() => window.focus());
  await waitFor(
    () =>
      review.evaluate((sel: string) => {
        const button = document.querySelector(sel) as HTMLButtonElement | null;
        return button ? (button.disabled ? 'disabled' : 'enabled') : 'missing';
      }, selector),
    (state) => state === 'enabled',
    selector,
  );
  const at = await review.evaluate((sel: string) => {
    const button = document.querySelector(sel) as HTMLButtonElement;
    button.scrollIntoView({ block: 'center' });
    const r = button.getBoundingClientRect();
    return { x: r.x + r.width / 2, y: r.y + r.height / 2, size: [innerWidth, innerHeight] };
  }, selector);
  if (review !== tab) {
    const size = await tab.evaluate(() => [innerWidth, innerHeight]);
    if (size.join() !== at.size.join()) {
      throw new Error(`the framed review (${at.size}) no longer fills the tab (${size})`);
    }
  }
  await tab.mouse.click(at.x, at.y);
}

export interface Firefox {
  browser: Browser;
  /** The add-on ID Firefox installed the build under. */
  installedId: string;
  /** Closes Firefox and removes its profile. */
  close(): Promise<void>;
}

/**
 * Firefox with a fresh profile and the build installed as a temporary add-on. `prefs` are
 * added to the profile's prefs (user.js); `env` to Firefox's environment; `extension` replaces
 * the build folder (Firefox installs a temporary add-on from a folder or an archive alike).
 */
export async function launchFirefox(
  options: {
    prefs?: Record<string, unknown>;
    env?: Record<string, string>;
    /** What to install: the build folder (default) or a package (.zip/.xpi) to install as is. */
    extension?: string;
  } = {},
): Promise<Firefox> {
  if (!FIREFOX)
    throw new Error('No Firefox found: apt-get install -y firefox-esr, or FIREFOX_PATH');
  const tmp = mkdtempSync(join(tmpdir(), 'cftr-ff-'));
  let browser: Browser | undefined;
  try {
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
        ...options.prefs,
      },
      env: {
        ...process.env,
        XDG_CONFIG_HOME: join(tmp, 'xdg'),
        XDG_CACHE_HOME: join(tmp, 'xdg'),
        ...options.env,
      },
    });
    const installedId = await browser.installExtension(options.extension ?? BUILD);
    const opened = browser;
    return {
      browser: opened,
      installedId,
      async close() {
        await opened.close();
        rmSync(tmp, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await browser?.close();
    rmSync(tmp, { recursive: true, force: true });
    throw error;
  }
}

/** One HTML page on 127.0.0.1 served with the given Content-Security-Policy header. */
export async function servePage(
  csp: string,
  html: string,
): Promise<{ url: string; stop(): Promise<void> }> {
  const server = createServer((_request, response) => {
    response.writeHead(200, {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': csp,
    });
    response.end(html);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/csp.html`,
    stop: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
