import { vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { ScriptingLike, WindowsLike } from '../../../utils/capture/browser-ports';
import { HOST_SCRIPT, type ReviewPush } from '../../../utils/review/port-protocol';
import type { ReviewPorts } from '../../../utils/review/review-ports';
import {
  readLinkInPage,
  readPageInPage,
  takeStashedTextInPage,
  readSelectionInPage,
  type CapturedText,
} from '../../../utils/capture/page-scripts';
import { createReviewStore } from '../../../utils/review/review-store';
import { createFlowRunner, type FlowDeps } from '../../../utils/capture/run-flow';
import { extractIocs } from '../../../utils/ioc';
import { defaultSettings } from '../../../utils/settings/defaults';

type Injection = Parameters<ScriptingLike['executeScript']>[0];

/** A page as scripting sees it: what each page function would return, or a refusal. */
export interface FakePage {
  refuse?: boolean;
  contentType?: string;
  url?: string;
  title?: string;
  selection?: string;
  linkText?: string;
  body?: string;
  /** The host script cannot be injected (but reading works). */
  refuseDialog?: boolean;
  /** The host is injected, but the framed review never connects (a CSP, a hung page). */
  frameNeverLoads?: boolean;
}

export function fakeScripting(page: FakePage) {
  const events: string[] = [];
  const meta = {
    url: page.url ?? 'https://research.example/post',
    title: page.title ?? 'Glasswing report',
    contentType: page.contentType ?? 'text/html',
  };
  const text = (value: string, max: number): CapturedText => ({
    ...meta,
    text: value.slice(0, max),
    truncated: value.length > max,
    totalChars: value.length,
  });
  const stash = new Map<string, string>();
  const executeScript = vi.fn(async (injection: Injection): Promise<{ result?: unknown }[]> => {
    if (injection.files) {
      events.push(`inject:${injection.files.join(',')}`);
      if (page.refuse || page.refuseDialog) throw new Error('Cannot access contents of the page');
      return [{}];
    }
    const func = injection.func as unknown;
    const args = (injection.args ?? []) as unknown[];
    if (page.refuse) throw new Error('Cannot access a chrome:// URL');
    if (func === readSelectionInPage) {
      events.push('read:selection');
      return [{ result: text(page.selection ?? '', args[0] as number) }];
    }
    if (func === readLinkInPage) {
      events.push(`read:link:${String(args[0])}`);
      return [{ result: text(page.linkText ?? '', args[1] as number) }];
    }
    if (func === readPageInPage) {
      events.push('read:page');
      const read = text(page.body ?? '', args[0] as number);
      const key = args[3] as string | undefined;
      if (!key) return [{ result: read }];
      // As in a page: the text stays under the key until the worker has taken it.
      stash.set(key, read.text);
      return [{ result: { ...read, text: '', stashedChars: read.text.length } }];
    }
    if (func === takeStashedTextInPage) {
      const [key, offset, size] = args as [string, number, number];
      events.push(`take:${offset}`);
      const all = stash.get(key);
      if (all === undefined) throw new Error('The page text is no longer there.');
      if (offset + size >= all.length) stash.delete(key);
      return [{ result: all.slice(offset, offset + size) }];
    }
    events.push('probe');
    return [{ result: meta.contentType }];
  });
  return { scripting: { executeScript } satisfies ScriptingLike, events, stash };
}

export function fakeWindows(windowTabId = 500) {
  const create = vi.fn(async (_data: Parameters<WindowsLike['create']>[0]) => ({
    id: 9,
    tabs: [{ id: windowTabId }],
  }));
  return { create } satisfies WindowsLike;
}

let ids = 0;

/** The review's ports as the flow sees them: what it pushed, and whether the frame connects. */
export function fakePorts(page: FakePage, events: string[]) {
  const pushes: (ReviewPush & { reviewId: string })[] = [];
  const ports: Pick<ReviewPorts, 'push' | 'waitForPage' | 'removeFrame'> = {
    push: (reviewId, message) => {
      pushes.push({ ...message, reviewId });
      return true;
    },
    waitForPage: async () => !page.frameNeverLoads,
    removeFrame: (reviewId) => {
      events.push(`remove-frame:${reviewId}`);
    },
  };
  return { ports, pushes };
}

export function makeRunner(page: FakePage, patch: Partial<FlowDeps> = {}) {
  const { scripting, events } = fakeScripting(page);
  const { ports, pushes } = fakePorts(page, events);
  const windows = fakeWindows();
  const store = createReviewStore(fakeBrowser.storage.session);
  const log = vi.fn();
  const runner = createFlowRunner({
    scripting,
    windows,
    store,
    ports,
    reviewUrl: (id) => `chrome-extension://ext/review.html?id=${id}`,
    getSettings: async () => defaultSettings(),
    canEnrich: async () => true,
    extract: extractIocs,
    newId: () => `review-${++ids}`,
    now: Date.now,
    log,
    ...patch,
  });
  return { runner, scripting, windows, store, events, pushes, log };
}

export { HOST_SCRIPT };
