import type { Frame, Page } from 'puppeteer';
import type { Harness } from './harness';

/**
 * Driving the framed review from a test: find our review page's frame in a tab (it is an
 * extension-origin frame of its own, inside a closed shadow root), and start flows the way the
 * context menu does.
 */

export const MENU = {
  selection: 'cftr-from-selection',
  link: 'cftr-from-link',
  page: 'cftr-from-page',
} as const;

/** The in-page host element; the dialog itself is our review page in a frame inside it. */
export const HOST = 'cftr-review-frame';
export const DIALOG = '[role=dialog]';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A context-menu click as Chrome delivers it: onClicked.dispatch runs every real listener with
 * a real tab object. Native menus cannot be clicked from puppeteer.
 */
export async function clickMenu(
  h: Harness,
  kind: keyof typeof MENU,
  page: Page,
  extra: Record<string, unknown> = {},
  tabQuery?: string,
): Promise<void> {
  const url = page.url();
  await h.evalWorker(`(async () => {
    const tabs = await chrome.tabs.query({});
    const tab = ${tabQuery ?? `tabs.find((t) => t.url === ${JSON.stringify(url)})`};
    if (!tab) throw new Error('no tab');
    chrome.contextMenus.onClicked.dispatch(
      { menuItemId: ${JSON.stringify(MENU[kind])}, pageUrl: ${JSON.stringify(url)}, frameId: 0, editable: false, ...${JSON.stringify(extra)} },
      tab,
    );
  })()`);
}

/** The framed review page in `page`, if one is there. */
export function findDialogFrame(page: Page): Frame | null {
  return (
    page.frames().find((f) => /\/review\.html\?.*host=frame/.test(f.url()) && !f.detached) ?? null
  );
}

export async function dialogFrame(page: Page, timeout = 15_000): Promise<Frame> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const frame = findDialogFrame(page);
    if (frame) return frame;
    if (Date.now() > deadline) throw new Error('the framed review did not appear');
    await sleep(50);
  }
}

export async function dialogState(page: Page): Promise<string | null> {
  const frame = findDialogFrame(page);
  if (!frame) return null;
  return frame.$eval(DIALOG, (el) => el.getAttribute('data-state')).catch(() => null);
}

/** Waits by polling: the frame appears, loads, then renders the dialog. */
export async function waitForDialog(page: Page, timeout = 15_000): Promise<string> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const state = await dialogState(page);
    if (state) return state;
    if (Date.now() > deadline) throw new Error('the review dialog did not appear');
    await sleep(50);
  }
}

export async function waitForState(
  page: Page,
  states: string[],
  timeout = 15_000,
): Promise<string> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const state = await dialogState(page);
    if (state && states.includes(state)) return state;
    if (Date.now() > deadline) throw new Error(`dialog state ${state}, wanted ${states.join('|')}`);
    await sleep(50);
  }
}

/**
 * Waits until Intel Exchange's verdicts are in (the IOC list is no longer aria-busy): until
 * then a flagged value may still be unchecked, so a selection read earlier can go stale.
 */
export async function waitForVerdicts(frame: Frame, timeout = 30_000): Promise<void> {
  await frame.waitForSelector('.ioc-groups:not([aria-busy=true])', { timeout });
}
