import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { startFrameHost } from '../../utils/review/frame-host';

/**
 * Frames the review page over the tab (utils/review/frame-host.ts). Injected by the worker with
 * scripting.executeScript({ files }) when a review opens, never declared for all pages. A newer
 * injection in the same tab invalidates this one (WXT's context), which takes its frame down.
 */
export default defineContentScript({
  registration: 'runtime',
  main(ctx) {
    startFrameHost({
      connect: (name) => browser.runtime.connect({ name }),
      getURL: (path) => browser.runtime.getURL(path as '/review.html'),
      doc: document,
      signal: ctx.signal,
    });
  },
});
