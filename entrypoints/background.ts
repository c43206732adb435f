import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createBackgroundApp } from '../utils/background/app';
import { installTestHooks } from '../utils/background/test-hooks';

export default defineBackground({
  type: 'module',
  main() {
    // Wiring only; the logic lives in utils/. MV3: every listener is registered synchronously
    // here, so an event that woke the worker is delivered to it.
    const app = createBackgroundApp({
      browser,
      log: (message, error) => console.warn(`[cftr-bridge] ${message}`, error),
    });
    browser.runtime.onMessage.addListener(app.router);
    browser.alarms.onAlarm.addListener(app.onAlarm);
    browser.runtime.onStartup.addListener(() => app.onOnline());
    browser.notifications.onClicked.addListener(app.onNotificationClicked);
    browser.storage.onChanged.addListener((_changes, area) => {
      if (area === 'managed') app.policyChanged();
    });
    self.addEventListener('online', app.onOnline);
    // The e2e harness waits for this marker; harmless in production.
    Object.assign(globalThis, { __bridgeReady: true });

    void (async () => {
      // Compiled out of production builds (tests/e2e checks the bundle).
      if (import.meta.env.VITE_E2E === '1') await installTestHooks(app, browser.storage.session);
      await app.start();
    })();
  },
});
