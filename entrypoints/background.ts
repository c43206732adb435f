import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createBackgroundApp, type BackgroundApp } from '../utils/background/app';
import { installTestHooks } from '../utils/background/test-hooks';
import { createFlows } from '../utils/capture/create-capture';
import { withNotifications } from '../utils/review/notifications';

const log = (message: string, error?: unknown) => console.warn(`[cftr-bridge] ${message}`, error);

export default defineBackground({
  type: 'module',
  main() {
    // Wiring only; the logic lives in utils/. MV3: every listener is registered synchronously
    // here, so an event that woke the worker is delivered to it.
    let app: BackgroundApp | undefined;
    const flows = createFlows({
      browser,
      services: () => {
        if (!app) throw new Error('The background is not ready yet');
        return app.services;
      },
      log,
    });
    app = createBackgroundApp({
      // Notifications skip an incident whose review dialog is still showing it.
      browser: withNotifications(browser, flows.notifications(browser.notifications)),
      extraHandlers: flows.handlers,
      onSettingsChanged: () => flows.onSettingsChanged(),
      log,
    });

    browser.runtime.onMessage.addListener(app.router);
    browser.alarms.onAlarm.addListener(app.onAlarm);
    browser.runtime.onStartup.addListener(() => {
      flows.onStartup();
      app.onOnline();
    });
    browser.runtime.onInstalled.addListener(() => flows.onInstalled());
    browser.contextMenus.onClicked.addListener((info, tab) => flows.onMenuClicked(info, tab));
    browser.commands.onCommand.addListener((command, tab) => flows.onCommand(command, tab));
    browser.tabs.onRemoved.addListener((tabId) => flows.onTabRemoved(tabId));
    browser.notifications.onClicked.addListener(app.onNotificationClicked);
    browser.storage.onChanged.addListener((_changes, area) => {
      if (area === 'managed') app.policyChanged();
    });
    self.addEventListener('online', app.onOnline);

    // Compiled out of production builds (tests/e2e/production-build.e2e.ts checks the bundle).
    const restored =
      import.meta.env.VITE_E2E === '1'
        ? installTestHooks(app, browser.storage.session)
        : Promise.resolve();
    // The e2e harness waits for this marker; harmless in production.
    Object.assign(globalThis, { __bridgeReady: true });
    void restored.then(() => app.start());
  },
});
