import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createBackgroundApp } from '../utils/background/app';
import { installTestHooks } from '../utils/background/test-hooks';
import { createFlows } from '../utils/flows/create-flows';
import { withNotifications } from '../utils/flows/notifications';

export default defineBackground({
  type: 'module',
  main() {
    // Wiring only; the logic lives in utils/. MV3: every listener is registered synchronously
    // here, so an event that woke the worker is delivered to it.
    const log = (message: string, error?: unknown) =>
      console.warn(`[cftr-bridge] ${message}`, error);
    // Web flows (context menus, shortcut, review dialog); `app` exists before they are used.
    const flows = createFlows({ browser, services: () => app.services, log });
    const app = createBackgroundApp({
      browser: withNotifications(browser, flows.notifications(browser.notifications)),
      extraHandlers: flows.handlers,
      onSettingsChanged: () => flows.onSettingsChanged(),
      log,
    });
    browser.runtime.onMessage.addListener(app.router);
    browser.alarms.onAlarm.addListener(app.onAlarm);
    browser.runtime.onStartup.addListener(() => app.onOnline());
    browser.notifications.onClicked.addListener(app.onNotificationClicked);
    browser.storage.onChanged.addListener((_changes, area) => {
      if (area === 'managed') app.policyChanged();
    });
    self.addEventListener('online', app.onOnline);
    browser.contextMenus.onClicked.addListener(flows.onMenuClicked);
    browser.commands.onCommand.addListener(flows.onCommand);
    browser.runtime.onInstalled.addListener(flows.onInstalled);
    browser.runtime.onStartup.addListener(flows.onStartup);
    browser.tabs.onRemoved.addListener(flows.onTabRemoved);

    // Compiled out of production builds (tests/e2e/security.e2e.ts checks the bundle).
    const restored =
      import.meta.env.VITE_E2E === '1'
        ? installTestHooks(app, browser.storage.session)
        : Promise.resolve();
    // The e2e harness waits for this marker; harmless in production.
    Object.assign(globalThis, { __bridgeReady: true });
    void restored.then(() => app.start());
  },
});
