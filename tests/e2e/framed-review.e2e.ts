import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Frame, Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configureAgainstSandbox } from './configure';
import { launchHarness, type Harness } from './harness';
import { clickMenu, dialogFrame, HOST, waitForDialog, waitForState } from './review-frame';
import { sandboxIncidents } from './sandbox-incidents';
import { trackForScreenshots } from './setup';

/**
 * Issue 10: the review is our extension page framed over the tab. A hostile page must neither
 * hear nor change what the analyst types, nor read what the dialog shows, nor trick a click on
 * Create; a page that refuses frames still gets a review; the review survives the worker.
 * The host script and the review page are the same code in the production build
 * (tests/e2e/production-build.e2e.ts compares them).
 */

let h: Harness;
const READY = ['review', 'enriched', 'duplicate'];

const incidents = () => sandboxIncidents(h);

beforeAll(async () => {
  h = await launchHarness();
  await configureAgainstSandbox(h);
  await h.evalWorker(
    'globalThis.__bridgeTest.setOutboxTiming({ settleMs: 1000, backoffBaseMs: 200 })',
  );
});
afterAll(async () => h?.close());
trackForScreenshots(() => h);

/** Opens plain.html with a page script that records every input-ish event it can hear. */
async function hostilePage(): Promise<Page> {
  const page = await h.openUrl(`${h.sandbox.url}/pages/plain.html`);
  await page.setViewport({ width: 1100, height: 860 });
  await page.evaluate(() => {
    const heard: string[] = [];
    const types = [
      'keydown',
      'keypress',
      'keyup',
      'beforeinput',
      'input',
      'compositionstart',
      'compositionupdate',
      'compositionend',
      'paste',
      'copy',
    ];
    for (const target of [window, document]) {
      for (const type of types) {
        target.addEventListener(
          type,
          (event) => heard.push(`${type}:${(event as KeyboardEvent).key ?? ''}`),
          true,
        );
      }
    }
    Object.assign(window, { __heard: heard });
  });
  return page;
}

async function openReview(page: Page): Promise<Frame> {
  await clickMenu(h, 'page', page);
  await waitForDialog(page);
  await waitForState(page, READY, 20_000);
  return dialogFrame(page);
}

/**
 * Empties the title as an analyst does (select all, Backspace). Setting the DOM value instead
 * raced the dialog: a re-render of the controlled field (enrichment arriving) put the old
 * title back before the typing, which was then appended to it.
 */
async function clearTitle(page: Page, frame: Frame): Promise<void> {
  await frame.focus('input[type=text]');
  await frame.$eval('input[type=text]', (e) => (e as HTMLInputElement).select());
  await page.keyboard.press('Backspace');
}

const titleOf = (frame: Frame) =>
  frame.$eval('input[type=text]', (e) => (e as HTMLInputElement).value);
const heard = (page: Page) =>
  page.evaluate(() => (window as unknown as { __heard: string[] }).__heard.slice());

describe('a hostile page', () => {
  it('hears no key, input or composition typed in the dialog', async () => {
    const page = await hostilePage();
    const frame = await openReview(page);
    await clearTitle(page, frame);
    await page.keyboard.type('typed secret 42');
    // An IME composition, as a Japanese or Chinese keyboard produces it.
    const cdp = await page.createCDPSession();
    await cdp.send('Input.imeSetComposition', {
      text: 'へんかん',
      selectionStart: 4,
      selectionEnd: 4,
    });
    await cdp.send('Input.insertText', { text: '変換' });
    await cdp.detach();
    await frame.focus('textarea');
    await page.keyboard.press('Enter');
    await page.keyboard.type('in the description');

    expect(await titleOf(frame)).toBe('typed secret 42変換');
    expect(await frame.$eval('textarea', (e) => (e as HTMLTextAreaElement).value)).toContain(
      'in the description',
    );
    expect(await heard(page)).toEqual([]);
    await page.close();
  });

  it('changes nothing with execCommand, synthetic events or focus tricks, and cannot read the dialog', async () => {
    const page = await hostilePage();
    const frame = await openReview(page);
    await clearTitle(page, frame);
    await page.keyboard.type('only the analyst types here');
    const before = await incidents();

    const attempts = await page.evaluate((hostTag: string) => {
      const results: Record<string, unknown> = {};
      results.execInsert = document.execCommand('insertText', false, 'PWNED');
      results.execSelectAll = document.execCommand('selectAll');
      results.execDelete = document.execCommand('delete');
      // Synthetic keys at every target the page can reach.
      for (const target of [window, document, document.documentElement, document.body]) {
        for (const key of ['Enter', 'Escape', 'a']) {
          target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
        }
      }
      const host = document.querySelector(hostTag);
      results.hostFound = host !== null;
      results.shadowRoot = host?.shadowRoot ?? null;
      results.iframesInDocument = document.querySelectorAll('iframe').length;
      // Focus tricks: pull focus to the page, then type "into" the dialog.
      window.focus();
      const decoy = document.createElement('input');
      document.body.append(decoy);
      decoy.focus();
      results.execIntoDecoy = document.execCommand('insertText', false, 'PWNED2');
      results.decoyValue = decoy.value;
      host?.dispatchEvent(new FocusEvent('focus'));
      (host as HTMLElement | null)?.click();
      try {
        const child = window.frames[0];
        results.frameDocument = child ? String(child.document) : 'no frame';
      } catch (error) {
        results.frameDocument = (error as Error).name;
      }
      const html = document.documentElement.outerHTML;
      results.textInPage =
        html.includes('only the analyst types here') ||
        document.documentElement.innerText.includes('only the analyst types here');
      return results;
    }, HOST);

    expect(attempts.hostFound).toBe(true);
    expect(attempts.shadowRoot).toBeNull();
    expect(attempts.iframesInDocument).toBe(0);
    expect(attempts.textInPage).toBe(false);
    expect(['no frame', 'SecurityError']).toContain(attempts.frameDocument);
    // The dialog is untouched and still open; nothing was created by the synthetic Enter.
    expect(await titleOf(frame)).toBe('only the analyst types here');
    expect(READY).toContain(
      await frame.$eval('[role=dialog]', (e) => e.getAttribute('data-state') ?? ''),
    );
    expect((await incidents()).length).toBe(before.length);
    await page.close();
  });

  it('cannot make the analyst click Create while the dialog is hidden or covered', async () => {
    const page = await hostilePage();
    const frame = await openReview(page);
    const gate = () =>
      frame.$eval('button[type=submit]', (b) => ({
        disabled: (b as HTMLButtonElement).disabled,
        visibility: b.getAttribute('data-visibility'),
      }));
    // Chromium has IntersectionObserver v2, so the gate tracks real visibility.
    expect(await frame.evaluate(() => 'isVisible' in IntersectionObserverEntry.prototype)).toBe(
      true,
    );
    await expect.poll(gate, { timeout: 5000 }).toEqual({ disabled: false, visibility: 'seen' });
    const before = (await incidents()).length;

    // 1. The page fades everything (our host re-asserts its own style, so it fades <html>):
    // the dialog is in the top layer, painted apart from the page, so it stays in sight.
    await page.evaluate(() => {
      document.documentElement.style.opacity = '0';
    });
    await new Promise((r) => setTimeout(r, 800));
    expect(await gate()).toEqual({ disabled: false, visibility: 'seen' });
    await h.screenshot(page, 'review-page-faded');
    await page.evaluate(() => {
      document.documentElement.style.opacity = '';
    });

    // 2. A decoy with the highest z-index is still under the top layer: nothing covered.
    await page.evaluate(() => {
      const decoy = document.createElement('div');
      decoy.id = 'z-decoy';
      decoy.style.cssText =
        'position:fixed;inset:0;z-index:2147483647;background:#ffd54f;pointer-events:none';
      document.documentElement.append(decoy);
    });
    await new Promise((r) => setTimeout(r, 800));
    expect(await gate()).toEqual({ disabled: false, visibility: 'seen' });
    await page.evaluate(() => document.getElementById('z-decoy')?.remove());

    // 3. The page puts its own element in the top layer, above ours, letting clicks through.
    await page.evaluate(() => {
      const decoy = document.createElement('div');
      decoy.id = 'decoy';
      decoy.popover = 'manual';
      decoy.textContent = 'Click here to win a prize';
      decoy.style.cssText =
        'position:fixed;inset:0;width:100vw;height:100vh;margin:0;border:0;background:#ffd54f;font-size:40px;pointer-events:none';
      document.documentElement.append(decoy);
      decoy.showPopover();
    });
    await expect.poll(gate, { timeout: 5000 }).toEqual({ disabled: true, visibility: 'hidden' });
    await frame.click('button[type=submit]').catch(() => undefined);
    await frame.focus('input[type=text]');
    await page.keyboard.press('Enter');
    await h.screenshot(page, 'review-covered-by-page');
    await new Promise((r) => setTimeout(r, 500));
    expect((await incidents()).length).toBe(before);

    // The decoy goes: the analyst sees the dialog again, and Create works.
    await page.evaluate(() => document.getElementById('decoy')?.remove());
    await expect.poll(gate, { timeout: 5000 }).toEqual({ disabled: false, visibility: 'seen' });
    await frame.click('button[type=submit]');
    await waitForState(page, ['done'], 20_000);
    expect((await incidents()).length).toBe(before + 1);
    await page.close();
  });

  it('restyling or removing the host puts it back', async () => {
    const page = await hostilePage();
    const frame = await openReview(page);
    await page.evaluate((hostTag: string) => {
      const host = document.querySelector(hostTag) as HTMLElement;
      host.style.setProperty('display', 'none', 'important');
      host.setAttribute('hidden', '');
    }, HOST);
    await expect
      .poll(() =>
        page.evaluate((hostTag: string) => {
          const host = document.querySelector(hostTag) as HTMLElement;
          return getComputedStyle(host).display + (host.hasAttribute('hidden') ? ' hidden' : '');
        }, HOST),
      )
      .toBe('block');
    expect(frame.detached).toBe(false);
    await page.evaluate((hostTag: string) => document.querySelector(hostTag)?.remove(), HOST);
    await expect
      .poll(() => page.evaluate((hostTag: string) => !!document.querySelector(hostTag), HOST))
      .toBe(true);
    // Put back: the frame reloads and the review reconnects with its draft.
    await waitForState(page, READY, 20_000);
    await page.close();
  });
});

describe('where the page cannot host the frame', () => {
  /** A sandbox page served with the given CSP, through request interception. */
  async function pageWithCsp(name: string, csp: string): Promise<Page> {
    const url = `${h.sandbox.url}/pages/${name}.html`;
    const page = await h.browser.newPage();
    await page.setViewport({ width: 1100, height: 860 });
    await page.setRequestInterception(true);
    page.on('request', (request) => {
      if (request.url() !== url) return void request.continue();
      void request.respond({
        status: 200,
        contentType: 'text/html',
        headers: { 'Content-Security-Policy': csp },
        body: `<!doctype html><title>${name}</title><h1>${name}</h1><p>C2 at 45.137.21.9</p>`,
      });
    });
    await page.goto(url);
    return page;
  }

  async function createInWindow(): Promise<void> {
    const target = await h.browser.waitForTarget((t) => /\/review\.html\?id=[^&]+$/.test(t.url()), {
      timeout: 20_000,
    });
    const win = await target.page();
    if (!win) throw new Error('the review window has no page');
    const stateIs = (states: string[]) =>
      win.waitForFunction(
        (wanted: string[]) =>
          wanted.includes(
            document.querySelector('[role=dialog]')?.getAttribute('data-state') ?? '',
          ),
        { polling: 100, timeout: 20_000 },
        states,
      );
    await stateIs(READY);
    await h.screenshot(win, 'review-window-sandboxed-page');
    const before = (await incidents()).length;
    await win.click('button[type=submit]');
    await stateIs(['done']);
    expect((await incidents()).length).toBe(before + 1);
    await win.close();
  }

  it('a page whose CSP sandboxes its frames (no scripts) gets the review in a window', async () => {
    const page = await pageWithCsp('csp-sandbox', 'sandbox allow-same-origin');
    const started = Date.now();
    await clickMenu(h, 'page', page);
    await createInWindow();
    console.info(`[sandboxed page] window review usable after ${Date.now() - started} ms`);
    // The frame was taken down: nothing of ours is left in the page.
    expect(await page.evaluate((hostTag: string) => !!document.querySelector(hostTag), HOST)).toBe(
      false,
    );
    await page.close();
  }, 60_000);

  it("frame-src 'none': Chromium exempts extension frames from the page's CSP, so the frame works", async () => {
    const page = await pageWithCsp('csp-no-frames', "frame-src 'none'; child-src 'none'");
    await clickMenu(h, 'page', page);
    await waitForDialog(page);
    await waitForState(page, READY, 20_000);
    await page.close();
  }, 60_000);
});

describe('accessibility', () => {
  async function axe(target: Page | Frame) {
    const require = createRequire(import.meta.url);
    const source = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
    await target.evaluate(source);
    return target.evaluate(async () => {
      const run = (
        globalThis as unknown as {
          axe: {
            run(
              context?: unknown,
              options?: unknown,
            ): Promise<{ violations: { id: string; nodes: { html: string }[] }[] }>;
          };
        }
      ).axe;
      const result = await run.run(document, { iframes: false });
      return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`);
    });
  }

  it('axe finds no violation on the host page nor in the dialog', async () => {
    const page = await hostilePage();
    const frame = await openReview(page);
    expect(await axe(page)).toEqual([]);
    expect(await axe(frame)).toEqual([]);
    await page.close();
  });
});

describe('the worker', () => {
  it('killed while a review is open: the review reconnects and still creates', async () => {
    const page = await hostilePage();
    const frame = await openReview(page);
    await clearTitle(page, frame);
    await page.keyboard.type('Created after a worker restart');
    // Every key landed (the frame's load once took the focus away from the field mid-typing).
    expect(await titleOf(frame)).toBe('Created after a worker restart');
    await h.stopWorker();
    // The page's port notices, reconnects, and that connection starts the worker again.
    await h.worker();
    const before = (await incidents()).length;
    expect(await titleOf(frame)).toBe('Created after a worker restart');
    await frame.click('button[type=submit]');
    await waitForState(page, ['done'], 30_000);
    const after = await incidents();
    expect(after.length).toBe(before + 1);
    // The titles, not a boolean: a failure then says what was created instead.
    expect(after.map((i) => i.title)).toContain('Created after a worker restart');
    await page.close();
  }, 60_000);
});
