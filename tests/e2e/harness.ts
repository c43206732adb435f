import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { launch, type Browser, type Page, type Target, type WebWorker } from 'puppeteer';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../sandbox/index';
import { findBrowser } from './browser-path';

/**
 * Launches the BUILT extension in a real headless Chromium against a fresh sandbox, the way
 * ../shared/docs/browser-testing.md found reliable on our machines. One harness per test file.
 */

export const REPO_ROOT = resolve(import.meta.dirname, '../..');
/** The e2e build pre-grants the loopback sandbox origin (see wxt.config.ts). */
export const E2E_BUILD = resolve(
  REPO_ROOT,
  process.env.BRIDGE_E2E_BUILD ?? '.output-e2e/chrome-mv3',
);
export const PROD_BUILD = join(REPO_ROOT, '.output/chrome-mv3');
export const SCREENSHOT_DIR = join(REPO_ROOT, 'test-output/screenshots');

const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  '--window-size=1280,900',
];

export interface LaunchOptions {
  extensionPath?: string;
  /**
   * 'install' (CDP Extensions.loadUnpacked; works on branded Chrome too) or 'flag'
   * (--load-extension; the only way managed-storage policy reaches the extension).
   */
  loadVia?: 'install' | 'flag';
  /** Sandbox options, or an already running sandbox to share. */
  sandbox?: SandboxOptions | Sandbox;
  /** Wait for the background's `__bridgeReady` marker (default true). */
  waitForReadyMarker?: boolean;
  /** Headless by default; the demo shows a real window when there is a display. */
  headless?: boolean;
  /**
   * A browser profile directory to use and keep (a second launch with it is a browser restart).
   * Default: a fresh one inside the harness's temp folder, deleted on close.
   */
  profileDir?: string;
  /** Emulate a colour scheme for every page this harness opens. */
  colorScheme?: 'light' | 'dark';
}

export interface Harness {
  browser: Browser;
  extensionId: string;
  extensionOrigin: string;
  sandbox: Sandbox;
  tmpDir: string;
  /** The live worker, waiting until its global scope is usable (and restarting it if stopped). */
  worker(): Promise<WebWorker>;
  /** Evaluate in the service worker once it is ready. */
  evalWorker<T>(fn: string): Promise<T>;
  /** Kill the service worker the way Chrome does when it idles out (CDP). */
  stopWorker(): Promise<void>;
  /** Open one of our pages (e.g. 'options.html', 'popup.html?x=1') in a new tab. */
  openExtensionPage(path: string): Promise<Page>;
  openUrl(url: string): Promise<Page>;
  screenshot(page: Page, name: string): Promise<string>;
  close(): Promise<void>;
}

function isSandbox(value: SandboxOptions | Sandbox | undefined): value is Sandbox {
  return typeof value === 'object' && value !== null && 'stop' in value && 'url' in value;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Evaluate with a deadline: a dead worker's evaluate can hang instead of failing. */
async function probe(w: WebWorker, expression: string, ms = 2_000): Promise<unknown> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((done) => {
    timer = setTimeout(() => done('timeout'), ms);
  });
  try {
    return await Promise.race([w.evaluate(expression).catch(() => 'error'), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** `promise`'s value, or null when it takes longer than `ms` (or fails). */
async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((done) => {
    timer = setTimeout(() => done(null), ms);
  });
  try {
    return await Promise.race([promise.catch(() => null), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export async function launchHarness(options: LaunchOptions = {}): Promise<Harness> {
  const extensionPath = options.extensionPath ?? E2E_BUILD;
  const loadVia = options.loadVia ?? 'install';
  const waitForMarker = options.waitForReadyMarker ?? true;
  const ownsSandbox = !isSandbox(options.sandbox);
  const sandbox = isSandbox(options.sandbox)
    ? options.sandbox
    : await startSandbox({ port: 0, ...options.sandbox });

  // Chromium writes crash reports and caches under $HOME unless XDG dirs point elsewhere.
  const tmpDir = mkdtempSync(join(tmpdir(), 'cftr-e2e-'));
  const env = {
    ...process.env,
    XDG_CONFIG_HOME: join(tmpDir, 'xdg-config'),
    XDG_CACHE_HOME: join(tmpDir, 'xdg-cache'),
  };
  const args = [...CHROMIUM_FLAGS];
  if (loadVia === 'flag') {
    args.push(`--load-extension=${extensionPath}`, `--disable-extensions-except=${extensionPath}`);
  }
  const browser = await launch({
    executablePath: findBrowser(),
    headless: options.headless ?? true,
    userDataDir: options.profileDir ?? join(tmpDir, 'profile'),
    args,
    env,
    ...(loadVia === 'install'
      ? { pipe: true, enableExtensions: true }
      : { ignoreDefaultArgs: ['--disable-extensions'] }),
    defaultViewport: { width: 1280, height: 900 },
  });

  let extensionId: string;
  if (loadVia === 'install') {
    extensionId = await browser.installExtension(extensionPath);
  } else {
    const target = await browser.waitForTarget(
      (t) => t.type() === 'service_worker' && t.url().startsWith('chrome-extension://'),
      { timeout: 20_000 },
    );
    extensionId = new URL(target.url()).host;
  }
  const extensionOrigin = `chrome-extension://${extensionId}`;

  const isOurWorker = (t: Target) =>
    t.type() === 'service_worker' && t.url().startsWith(`${extensionOrigin}/`);

  /**
   * Worker targets we killed, and when: puppeteer may list them a while longer, and they never
   * answer. If one is still listed a while after its kill and no new worker has come, the
   * worker itself may still be running under it (CI's one flake: "never became ready" after a
   * kill), so it is closed again from a browser-level session before the next wake.
   */
  const killedAt = new WeakMap<Target, number>();
  const CLOSE_AGAIN_AFTER_MS = 3_000;
  const isLive = (t: Target) => isOurWorker(t) && !killedAt.has(t);
  const lingers = (t: Target) =>
    isOurWorker(t) && Date.now() - (killedAt.get(t) ?? Date.now()) > CLOSE_AGAIN_AFTER_MS;

  async function closeOurWorkerTargets(): Promise<void> {
    const cdp = await browser.target().createCDPSession();
    try {
      const { targetInfos } = await cdp.send('Target.getTargets');
      for (const info of targetInfos) {
        if (info.type !== 'service_worker' || !info.url.startsWith(`${extensionOrigin}/`)) continue;
        await cdp.send('Target.closeTarget', { targetId: info.targetId }).catch(() => undefined);
      }
    } finally {
      await cdp.detach().catch(() => undefined);
    }
  }

  /**
   * The worker target appears before its global scope is usable: an early evaluate can
   * throw, and an early fetch crashed the extension process. Poll until timers, fetch and
   * our own readiness marker are there.
   */
  async function worker(): Promise<WebWorker> {
    const readyExpression = `typeof setTimeout === 'function' && typeof fetch === 'function' && ${
      waitForMarker ? 'globalThis.__bridgeReady === true' : 'true'
    }`;
    const deadline = Date.now() + 20_000;
    for (;;) {
      const target = browser.targets().find(isLive);
      if (!target) {
        if (browser.targets().some(lingers)) await closeOurWorkerTargets();
        // A stopped worker starts again on any extension event; a runtime message is one.
        await wakeWorker();
      } else {
        const w = await withTimeout(target.worker(), 2_000);
        if (w && (await probe(w, readyExpression)) === true) return w;
      }
      if (Date.now() > deadline) throw new Error('The extension service worker never became ready');
      await sleep(50);
    }
  }

  async function wakeWorker(): Promise<void> {
    const page = await browser.newPage();
    try {
      await page.goto(`${extensionOrigin}/popup.html`, { waitUntil: 'domcontentloaded' });
      await page.evaluate('chrome.runtime.sendMessage({ wake: true }).catch(() => undefined)');
      await browser.waitForTarget(isLive, { timeout: 5_000 }).catch(() => undefined);
    } finally {
      await page.close();
    }
  }

  async function stopWorker(): Promise<void> {
    const target = browser.targets().find(isLive);
    const w = await target?.worker();
    if (!target || !w) return;
    // WebWorker.close() closes the target and detaches our session: without the detach the
    // worker cannot stop cleanly, and its next start hangs waiting for the debugger.
    killedAt.set(target, Date.now());
    await w.close();
  }

  async function configure(page: Page): Promise<Page> {
    if (options.colorScheme) {
      await page.emulateMediaFeatures([
        { name: 'prefers-color-scheme', value: options.colorScheme },
      ]);
    }
    return page;
  }

  const harness: Harness = {
    browser,
    extensionId,
    extensionOrigin,
    sandbox,
    tmpDir,
    worker,
    async evalWorker<T>(fn: string): Promise<T> {
      const w = await worker();
      return (await w.evaluate(fn)) as T;
    },
    stopWorker,
    async openExtensionPage(path: string) {
      const page = await configure(await browser.newPage());
      await page.goto(`${extensionOrigin}/${path}`, { waitUntil: 'domcontentloaded' });
      return page;
    },
    async openUrl(url: string) {
      const page = await configure(await browser.newPage());
      await page.goto(url, { waitUntil: 'domcontentloaded' });
      return page;
    },
    async screenshot(page: Page, name: string) {
      mkdirSync(SCREENSHOT_DIR, { recursive: true });
      const path = join(SCREENSHOT_DIR, `${name.replace(/[^\w.-]+/g, '_')}.png`);
      // A full-page capture leaves out-of-process frames blank, and the framed review is one:
      // with it open, the viewport is what the analyst sees anyway.
      const framed = page.frames().some((f) => f.url().includes('/review.html'));
      await page.screenshot({ path, fullPage: !framed });
      return path;
    },
    async close() {
      await browser.close().catch(() => undefined);
      if (ownsSandbox) await sandbox.stop();
      rmSync(tmpDir, { recursive: true, force: true });
    },
  };
  await worker();
  return harness;
}

/**
 * Screenshots every open page of a failed test into test-output/screenshots/. A background
 * tab may never produce a frame, so each page is brought to front and given a deadline.
 */
export async function screenshotOpenPages(harness: Harness, testName: string): Promise<void> {
  const pages = await harness.browser.pages();
  for (const [i, page] of pages.entries()) {
    const shot = (async () => {
      await page.bringToFront();
      await harness.screenshot(page, `FAILED-${testName}-${i}`);
    })().catch(() => undefined);
    await Promise.race([shot, sleep(5_000)]);
  }
}
