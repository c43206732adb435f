import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createBackgroundApp, ownOrigin } from '../utils/background/app';
import { installTestHooks } from '../utils/background/test-hooks';
import { flowsExtension } from '../utils/capture/flows';
import { reviewTestHooks } from '../utils/review/test-hooks';

const log = (message: string, error?: unknown) => console.warn(`[cftr-bridge] ${message}`, error);

export default defineBackground({
  type: 'module',
  main() {
    // Wiring only; the logic lives in utils/. Services, then the modules built on them (review,
    // then capture, which hands the review its drafts), then the router. MV3: every listener is
    // registered synchronously here, so an event that woke the worker is delivered to it.
    const identity = {
      extensionId: browser.runtime.id,
      extensionOrigin: ownOrigin(browser.runtime),
    };
    const app = createBackgroundApp({
      browser,
      extend: flowsExtension({ browser, identity, log }),
      log,
    });
    if (!app.extension) throw new Error('The review and capture modules were not built');
    const { review, capture, overlay } = app.extension;
    const reconcileOverlay = () => void overlay.reconcile().catch(() => undefined);

    browser.runtime.onMessage.addListener(app.router);
    browser.runtime.onConnect.addListener((port) => review.onConnect(port));
    browser.alarms.onAlarm.addListener(app.onAlarm);
    browser.runtime.onStartup.addListener(() => {
      capture.onStartup();
      app.onOnline();
    });
    browser.runtime.onInstalled.addListener(() => {
      capture.onInstalled();
      // An update clears run-time registrations (Chrome, and Firefox per MDN): restore it.
      reconcileOverlay();
    });
    browser.permissions.onAdded.addListener(reconcileOverlay);
    browser.permissions.onRemoved.addListener(reconcileOverlay);
    browser.contextMenus.onClicked.addListener((info, tab) => capture.onMenuClicked(info, tab));
    browser.commands.onCommand.addListener((command, tab) => capture.onCommand(command, tab));
    browser.tabs.onRemoved.addListener((tabId) => review.onTabRemoved(tabId));
    browser.notifications.onClicked.addListener(app.onNotificationClicked);
    browser.storage.onChanged.addListener((_changes, area) => {
      if (area === 'managed') app.policyChanged();
    });
    self.addEventListener('online', app.onOnline);

    // Compiled out of production builds (tests/e2e/production-build.e2e.ts checks the bundle).
    const restored =
      import.meta.env.VITE_E2E === '1'
        ? installTestHooks(app, browser.storage.session, reviewTestHooks(review, browser.scripting))
        : Promise.resolve();
    // The e2e harness waits for this marker; harmless in production.
    Object.assign(globalThis, { __bridgeReady: true });
    void restored.then(() => app.start());
  },
});
