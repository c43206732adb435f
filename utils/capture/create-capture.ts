import type { Services } from '../background/services';
import { extractIocs } from '../ioc';
import type { Handlers } from '../messaging/router';
import { newRequestId } from '../review/request-id';
import type { Review } from '../review/create-review';
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
import { createFlowRunner, type FlowStart, type FlowTrigger } from './run-flow';

/**
 * Composition root of "create from any page": context menus, the keyboard command and
 * flow.startPage. Each turns a trigger into a review draft for the review module. Built from
 * the services and the review; the background wires what this returns, and nothing here runs
 * until it is called.
 */

export const PAGE_FLOW_COMMAND = 'open-page-flow';

export interface CaptureBrowser {
  tabs: TabsLike;
  windows: WindowsLike;
  scripting: ScriptingLike;
  contextMenus: ContextMenusLike;
  runtime: { lastError?: unknown };
}

export interface CaptureDeps {
  browser: CaptureBrowser;
  services: Pick<Services, 'settings' | 'clients'>;
  review: Pick<Review, 'store' | 'ports'>;
  /** The review page's static URL, for its own window (chrome-extension://<id>/review.html). */
  reviewPage: string;
  extract?: Extractor;
  newId?: () => string;
  now?: () => number;
  log?: (message: string, error?: unknown) => void;
}

export interface Capture {
  menus: Menus;
  /** flow.startPage */
  handlers: Handlers;
  /** Start a flow (tests and e2e await `finished`). */
  start(trigger: FlowTrigger): Promise<FlowStart>;
  onMenuClicked(info: MenuClickInfo, tab?: TabLike): void;
  onCommand(command: string, tab?: TabLike): void;
  onInstalled(): void;
  onStartup(): void;
  onSettingsChanged(): Promise<void>;
}

export function createCapture(deps: CaptureDeps): Capture {
  const { browser, services, review } = deps;
  const now = deps.now ?? Date.now;
  const log = deps.log ?? (() => undefined);

  const getSettings = async () => (await services.settings.getEffective()).settings;
  const ctixConfigured = async () => (await services.clients.getConfig('ctix')) !== null;

  const runner = createFlowRunner({
    scripting: browser.scripting,
    windows: browser.windows,
    store: review.store,
    ports: review.ports,
    reviewUrl: (reviewId) => `${deps.reviewPage}?id=${encodeURIComponent(reviewId)}`,
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

  const handlers: Handlers = {
    async 'flow.startPage'({ tabId }) {
      const { started, reason } = await startPageFlow(tabId);
      return reason === undefined ? { started } : { started, reason };
    },
  };

  return {
    menus,
    handlers,
    start,
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
  };
}
