import { createCoreHandlers } from '../background/handlers';
import type { NotificationsLike } from '../background/notify';
import type { Services } from '../background/services';
import { extractIocs } from '../ioc';
import type { Handlers } from '../messaging/router';
import type {
  ContextMenusLike,
  MenuClickInfo,
  ScriptingLike,
  TabLike,
  TabsLike,
  WindowsLike,
} from './browser-ports';
import type { Extractor } from './build-draft';
import { createMenus, kindOfMenuItem, type Menus } from './menus';
import { createShowingCheck, reviewAwareNotifications } from '../review/notifications';
import { newRequestId } from '../review/request-id';
import { createReviewHandlers } from '../review/review-handlers';
import type { SessionArea } from '../store/session-area';
import { createReviewStore, type ReviewStore } from '../review/review-store';
import { createFlowRunner, type FlowStart, type FlowTrigger } from './run-flow';

/**
 * Composition root of issue 6 ("create from any page"): context menus, the keyboard command,
 * flow.startPage, the review.* handlers and the review-aware notifications. The background
 * wires what this returns; nothing here runs until it is called.
 */

export const PAGE_FLOW_COMMAND = 'open-page-flow';

export interface FlowsBrowser {
  tabs: TabsLike;
  windows: WindowsLike;
  scripting: ScriptingLike;
  contextMenus: ContextMenusLike;
  storage: { session: SessionArea };
  runtime: { getURL(path: '/review.html'): string; lastError?: unknown };
}

export interface FlowsDeps {
  browser: FlowsBrowser;
  /** The background's services; a function because the app is built after the flows. */
  services: () => Services;
  extract?: Extractor;
  newId?: () => string;
  now?: () => number;
  log?: (message: string, error?: unknown) => void;
}

export interface Flows {
  store: ReviewStore;
  menus: Menus;
  handlers: Handlers;
  /** Start a flow (tests and e2e await `finished`). */
  start(trigger: FlowTrigger): Promise<FlowStart>;
  notifications(real: NotificationsLike | undefined): NotificationsLike | undefined;
  onMenuClicked(info: MenuClickInfo, tab?: TabLike): void;
  onCommand(command: string, tab?: TabLike): void;
  onInstalled(): void;
  onStartup(): void;
  onSettingsChanged(): Promise<void>;
  onTabRemoved(tabId: number): void;
}

export function createFlows(deps: FlowsDeps): Flows {
  const { browser } = deps;
  const now = deps.now ?? Date.now;
  const log = deps.log ?? (() => undefined);
  const store = createReviewStore(browser.storage.session, now);

  const getSettings = async () => (await deps.services().settings.getEffective()).settings;
  const ctixConfigured = async () => (await deps.services().clients.getConfig('ctix')) !== null;

  const runner = createFlowRunner({
    scripting: browser.scripting,
    windows: browser.windows,
    store,
    reviewUrl: (reviewId) =>
      `${browser.runtime.getURL('/review.html')}?id=${encodeURIComponent(reviewId)}`,
    getSettings,
    canEnrich: () => ctixConfigured().catch(() => false),
    extract: deps.extract ?? extractIocs,
    newId: deps.newId ?? newRequestId,
    now,
    log,
  });

  const menus = createMenus({
    contextMenus: browser.contextMenus,
    lastError: () => browser.runtime.lastError,
    getLabel: async () => (await getSettings()).actionLabel,
    log,
  });

  const start = (trigger: FlowTrigger) => runner.start(trigger);
  const startInBackground = (trigger: FlowTrigger) => {
    void start(trigger).catch((error: unknown) => log('the review flow failed to start', error));
  };

  async function startPageFlow(tabId: number): Promise<{ started: boolean; reason?: string }> {
    let tab: TabLike;
    try {
      tab = await browser.tabs.get(tabId);
    } catch {
      return { started: false, reason: 'That tab is no longer open.' };
    }
    const result = await start({ kind: 'page', tab });
    return result.reason === undefined
      ? { started: result.started }
      : { started: result.started, reason: result.reason };
  }

  const handlers = createReviewHandlers({
    store,
    ctix: () => deps.services().clients.ctix,
    ctixConfigured,
    startPageFlow,
    coreCreate: () => {
      const core = createCoreHandlers(deps.services())['incident.create'];
      if (!core) throw new Error('The core has no incident.create handler');
      return core;
    },
    log,
  });

  const isShowing = createShowingCheck({ store, scripting: browser.scripting, tabs: browser.tabs });

  return {
    store,
    menus,
    handlers,
    start,
    notifications: (real) => reviewAwareNotifications(real, isShowing),
    onMenuClicked(info, tab) {
      const kind = kindOfMenuItem(info.menuItemId);
      if (!kind || !tab) return;
      startInBackground({
        kind,
        tab,
        ...(info.frameId === undefined ? {} : { frameId: info.frameId }),
        ...(info.pageUrl === undefined ? {} : { pageUrl: info.pageUrl }),
        ...(info.selectionText === undefined ? {} : { selectionText: info.selectionText }),
        ...(info.linkUrl === undefined ? {} : { linkUrl: info.linkUrl }),
        ...(info.linkText === undefined ? {} : { linkText: info.linkText }),
      });
    },
    onCommand(command, tab) {
      if (command !== PAGE_FLOW_COMMAND) return;
      void (async () => {
        const target =
          tab ?? (await browser.tabs.query({ active: true, lastFocusedWindow: true }))[0];
        if (target) startInBackground({ kind: 'page', tab: target });
      })().catch((error: unknown) => log('the page flow failed to start', error));
    },
    onInstalled() {
      void menus.rebuild();
    },
    onStartup() {
      void menus.rebuild();
    },
    onSettingsChanged: () => menus.sync(),
    onTabRemoved(tabId) {
      void store
        .removeForTab(tabId)
        .catch((error: unknown) => log('dropping reviews failed', error));
    },
  };
}
