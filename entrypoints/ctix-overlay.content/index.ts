import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { CHANGE_SIGNAL_KEY } from '../../utils/messaging/signal-key';
import { createBridge } from '../../utils/overlay/content/bridge';
import { startOverlay } from '../../utils/overlay/content/overlay';

/**
 * The Intel Exchange overlay (utils/overlay/content). Registered at run time for the configured
 * Intel Exchange host only (utils/overlay/registration.ts), never declared for all pages; the
 * worker checks the exact origin again before it answers. Plain DOM, no React, no zod.
 */
export default defineContentScript({
  registration: 'runtime',
  main(ctx) {
    void startOverlay({
      doc: document,
      send: createBridge((message) => browser.runtime.sendMessage(message)),
      signal: ctx.signal,
      onLocationChange: (callback) =>
        ctx.addEventListener(window, 'wxt:locationchange', (event) => callback(event.newUrl.href)),
      onHistoryChange(callback) {
        const listener = (changes: Record<string, unknown>, area: string) => {
          if (area === 'local' && CHANGE_SIGNAL_KEY in changes) callback();
        };
        browser.storage.onChanged.addListener(listener);
        return () => browser.storage.onChanged.removeListener(listener);
      },
    });
  },
});
