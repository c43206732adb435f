import type { FetchLike } from '../cyware/http';
import { setEnglishValidationMessages } from '../messaging/zod-messages';
import { findReference, incidentLink } from '../cyware/template';
import { createRouter, type Handlers, type Router } from '../messaging/router';
import type { BackoffOptions } from '../cyware/backoff';
import { createOutboxRunner, type OutboxRunner } from '../outbox/runner';
import { singleFlight } from '../outbox/single-flight';
import { createDbOpener, type BridgeDb } from '../store/db';
import { createHistoryStore } from '../store/history';
import type { HistoryRecord } from '../store/records';
import { createOutboxStore } from '../store/outbox';
import { lockRequiredByPolicy } from '../store/policy';
import { createSecretLock } from '../store/secret-lock';
import { createSecretStore, originOf } from '../store/secrets';
import { memorySessionArea, type SessionArea } from '../store/session-area';
import {
  createSettingsStore,
  readManagedPolicy,
  type ManagedStorageArea,
} from '../store/settings-store';
import { createStatusStore } from '../store/status-store';
import { applyBadge, badgeFor, type ActionLike } from './badge';
import { type StorageAreaLike, createChangeSignal } from './change-signal';
import { createCywareClients } from './clients';
import { createCoreHandlers } from './handlers';
import type { CreateHook } from './history-handlers';
import {
  createNotifier,
  historyIdOfNotification,
  reviewAwareNotifications,
  type NotificationsLike,
} from './notify';
import { lockedBadge } from './lock-badge';
import type { Services } from './services';
import { finalizeEffective } from './settings-checks';
import { buildStatus } from './status';

/** The browser APIs the background uses; `browser` in the worker, `fakeBrowser` in tests. */
export interface BrowserApis {
  runtime: { id: string; getURL(path: '/icon/128.png'): string };
  storage: { local: StorageAreaLike; managed?: ManagedStorageArea; session?: SessionArea };
  alarms: {
    create(name: string, info: { when?: number; periodInMinutes?: number }): Promise<void>;
    clear(name: string): Promise<boolean>;
  };
  action?: ActionLike;
  notifications?: NotificationsLike;
  tabs?: { create(props: { url: string }): Promise<unknown> };
  permissions?: { contains(permissions: { origins: string[] }): Promise<boolean> };
}

/** What a module built on the services adds to the core. */
export interface AppExtension {
  /** Handlers composed over the core ones. */
  handlers?: Handlers;
  /** Runs before every incident.create (the review links the request to its dialog). */
  beforeCreate?: CreateHook;
  /** A created / failed incident a dialog is showing is not notified. */
  isShowing?: (historyId: string) => Promise<boolean>;
  /** Settings, secrets or policy changed (e.g. menu titles follow the action label). */
  onSettingsChanged?: () => void | Promise<void>;
  /** Respond created an incident (e.g. tag its Intel Exchange objects). Never awaited. */
  onCreated?: (record: HistoryRecord) => void | Promise<void>;
  /** Worker start and every outbox alarm: work that waits for retries. */
  onTick?: () => void | Promise<void>;
}

export interface BackgroundAppDeps<E extends AppExtension = AppExtension> {
  browser: BrowserApis;
  getDb?: () => Promise<BridgeDb>;
  fetch?: FetchLike;
  now?: () => number;
  /**
   * The modules built on the services (review, capture), called once the services exist and
   * before the router: services → flows → router, nothing reaching for something built later.
   */
  extend?: (services: Services) => E;
  outbox?: {
    timeoutMs?: number;
    settleMs?: number;
    reconcileMarginMs?: number;
    backoff?: BackoffOptions;
  };
  /** Told about unexpected failures; never given a secret (handlers never see one in errors). */
  log?: (message: string, error?: unknown) => void;
  /** Called after settings, secrets or policy change (e.g. to re-register the CTIX overlay). */
  onSettingsChanged?: () => void | Promise<void>;
}

export interface OutboxTiming {
  /** Per create request. */
  timeoutMs: number;
  /** After an unknown outcome, from the attempt's start to the search; exceeds the timeout. */
  settleMs: number;
  /** Read on every backoff, so changing it affects the next retry. */
  backoff: BackoffOptions;
}

export const OUTBOX_ALARM = 'cftr-outbox';
export const EXPIRY_ALARM = 'cftr-expiry-check';
/** Chrome does not fire alarms sooner than 30 s after they are set. */
const MIN_ALARM_DELAY_MS = 30_000;

export interface BackgroundApp<E extends AppExtension = AppExtension> {
  router: Router;
  /** What `extend` built (undefined without one). */
  extension: E | undefined;
  services: Services;
  runner: OutboxRunner;
  /** Worker start: rate limits, badge, pending outbox items. */
  start(): Promise<void>;
  onAlarm(alarm: { name: string }): void;
  onOnline(): void;
  onNotificationClicked(notificationId: string): void;
  /** storage.managed changed (admin pushed a new policy). */
  policyChanged(): void;
  /** Mutable outbox timing (e2e hooks shorten the waits). */
  timing: OutboxTiming;
  /** Drop the in-memory retry timer (tests; a worker simply dies). */
  dispose(): void;
}

/**
 * The extension's own origin, from a resource that is not web-accessible: for one declared
 * with use_dynamic_url (review.html), Chrome's getURL answers the per-session dynamic origin,
 * while our pages' senders carry the static one.
 */
export function ownOrigin(runtime: { getURL(path: '/icon/128.png'): string }): string {
  return extensionOrigin(runtime.getURL('/icon/128.png'));
}

/**
 * scheme://host of an extension URL. Not `new URL().origin`: for chrome-extension:// that is
 * "null" outside Chrome, and Firefox's moz-extension:// is not a special scheme either.
 */
export function extensionOrigin(extensionUrl: string): string {
  const match = /^[a-z][a-z\d+.-]*:\/\/[^/]+/i.exec(extensionUrl);
  if (!match) throw new Error('Not an extension URL');
  return match[0];
}

export function createBackgroundApp<E extends AppExtension = AppExtension>(
  deps: BackgroundAppDeps<E>,
): BackgroundApp<E> {
  const { browser } = deps;
  setEnglishValidationMessages();
  const now = deps.now ?? Date.now;
  const log = deps.log ?? (() => undefined);
  const getDb = deps.getDb ?? createDbOpener();

  const settings = createSettingsStore({
    getDb,
    readPolicy: () => readManagedPolicy(browser.storage.managed),
    finalize: finalizeEffective,
  });
  // The optional passphrase lock (issue 13) is the secrets' key source. Whether policy requires
  // it is read once and again after each policy change (policyChanged), not on every outbox
  // pass and badge refresh.
  let lockRequired: Promise<boolean> | null = null;
  const lock = createSecretLock({
    getDb,
    session: browser.storage.session ?? memorySessionArea(),
    required: () =>
      (lockRequired ??= readManagedPolicy(browser.storage.managed).then(lockRequiredByPolicy)),
    now,
  });
  const secrets = createSecretStore(getDb, { now, keys: lock });
  const statusStore = createStatusStore(getDb);
  const history = createHistoryStore(getDb);
  const outbox = createOutboxStore(getDb, { now });
  const { permissions } = browser;
  const clients = createCywareClients({
    settings,
    secrets,
    now,
    // No signed request goes to an origin the extension holds no host permission for.
    ...(permissions
      ? { hasHostPermission: (pattern: string) => permissions.contains({ origins: [pattern] }) }
      : {}),
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
  });
  const bump = createChangeSignal(browser.storage.local, now);
  const changeListeners = new Set<() => void>();

  const timeoutMs = deps.outbox?.timeoutMs ?? 30_000;
  const timing: OutboxTiming = {
    timeoutMs,
    settleMs: deps.outbox?.settleMs ?? 2 * timeoutMs,
    backoff: { ...deps.outbox?.backoff },
  };

  // Coalesced: an outbox pass changes state several times per item.
  const refreshBadge = singleFlight(async () => {
    const status = await buildStatus({ now, settings, secrets, statusStore, outbox });
    const locked = await lock.isLocked();
    await applyBadge(browser.action, lockedBadge(badgeFor(status), locked, status.queued));
  });

  const changed = async () => {
    changeListeners.forEach((listener) => listener());
    try {
      await bump();
      void refreshBadge().catch((error: unknown) => log('badge update failed', error));
    } catch (error) {
      log('change signal failed', error);
    }
  };

  let timer: ReturnType<typeof setTimeout> | undefined;
  async function schedule(at: number | null): Promise<void> {
    clearTimeout(timer);
    if (at === null) {
      await browser.alarms.clear(OUTBOX_ALARM);
      return;
    }
    // The timer serves short backoffs while the worker lives; the alarm wakes a worker that
    // was stopped in between, and repeats each minute until the outbox is empty.
    const delay = Math.min(Math.max(0, at - now()), 2 ** 31 - 1);
    timer = setTimeout(() => kickOutbox(), delay);
    await browser.alarms.create(OUTBOX_ALARM, {
      when: Math.max(at, now() + MIN_ALARM_DELAY_MS),
      periodInMinutes: 1,
    });
  }

  const services: Services = {
    now,
    settings,
    secrets,
    lock,
    statusStore,
    history,
    outbox,
    clients,
    changed,
    onChanged(listener) {
      changeListeners.add(listener);
      return () => changeListeners.delete(listener);
    },
    kickOutbox,
    settingsChanged,
  };

  const extension = deps.extend?.(services);
  const notifier = createNotifier(
    extension?.isShowing
      ? reviewAwareNotifications(browser.notifications, extension.isShowing)
      : browser.notifications,
    browser.runtime.getURL('/icon/128.png'),
  );

  const runner = createOutboxRunner({
    store: outbox,
    respond: clients.respond,
    findReference,
    isHeld: () => lock.isLocked(),
    linkFor: (item, ids) =>
      incidentLink(item.prepared.linkTemplate, { ui: item.prepared.uiUrl, ...ids }),
    onCreated: (record) => {
      void Promise.resolve(extension?.onCreated?.(record)).catch((error: unknown) =>
        log('after-create work failed', error),
      );
      return notifier.created(record);
    },
    onFailed: (record) => notifier.failed(record),
    onDuplicate: (record) => notifier.duplicate(record),
    onChange: changed,
    onError: (error) => log('outbox item failed', error),
    schedule,
    now,
    get timeoutMs() {
      return timing.timeoutMs;
    },
    get settleMs() {
      return timing.settleMs;
    },
    backoff: timing.backoff,
    ...(deps.outbox?.reconcileMarginMs ? { reconcileMarginMs: deps.outbox.reconcileMarginMs } : {}),
  });

  function kickOutbox(): void {
    void runner.run().catch((error: unknown) => log('outbox pass failed', error));
  }

  async function settingsChanged(): Promise<void> {
    clients.invalidate();
    const { settings: effective } = await settings.getEffective();
    // A base URL that moved to another origin (edit, import, policy) takes no secret along:
    // the secret is cleared before anything can be sent, and the options page says so.
    for (const product of ['ctix', 'cftr'] as const) {
      const origin = originOf(effective[product].baseUrl);
      if (origin) await secrets.bindOrClear(product, origin);
    }
    clients.invalidate();
    clients.setRates(effective.rateLimits);
    await extension?.onSettingsChanged?.();
    await deps.onSettingsChanged?.();
  }

  const router = createRouter(
    {
      ...createCoreHandlers(
        services,
        extension?.beforeCreate ? { beforeCreate: extension.beforeCreate } : {},
      ),
      ...extension?.handlers,
    },
    {
      extensionId: browser.runtime.id,
      extensionOrigin: ownOrigin(browser.runtime),
      onHandlerError: (type, error) => log(`handler ${type} failed`, error),
    },
  );

  return {
    router,
    extension,
    services,
    runner,
    timing,
    async start() {
      try {
        await settingsChanged();
      } catch (error) {
        log('loading settings failed', error);
      }
      // Daily-ish badge refresh, so an approaching expiry shows without any activity.
      await browser.alarms.create(EXPIRY_ALARM, { periodInMinutes: 6 * 60 });
      void refreshBadge().catch((error: unknown) => log('badge update failed', error));
      kickOutbox();
      void Promise.resolve(extension?.onTick?.()).catch(() => undefined);
    },
    onAlarm(alarm) {
      if (alarm.name === OUTBOX_ALARM) {
        kickOutbox();
        void Promise.resolve(extension?.onTick?.()).catch(() => undefined);
      }
      if (alarm.name === EXPIRY_ALARM) void refreshBadge().catch(() => undefined);
    },
    onOnline() {
      kickOutbox();
    },
    onNotificationClicked(notificationId) {
      const id = historyIdOfNotification(notificationId);
      if (!id) return;
      void history.get(id).then((row) => {
        if (row?.link) return browser.tabs?.create({ url: row.link });
        return undefined;
      });
    },
    dispose() {
      clearTimeout(timer);
    },
    policyChanged() {
      lockRequired = null;
      void settingsChanged()
        .then(changed)
        .catch((error: unknown) => log('policy update failed', error));
    },
  };
}
