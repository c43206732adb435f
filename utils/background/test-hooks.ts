import type { MessageResult } from '../messaging/contract';
import type { SenderLike } from '../messaging/router';
import { DB_VERSION, openBridgeDbAt } from '../store/db';
import { newHistoryRecord } from '../store/history';
import type { BackgroundApp, OutboxTiming } from './app';
import type { SessionArea } from '../store/session-area';

/**
 * E2E-only controls, compiled in only when VITE_E2E=1 (entrypoints/background.ts). They let a
 * test hold the outbox between enqueue and send, and shorten the outbox's waits so a fault
 * matrix runs in seconds. Nothing here can read a secret.
 */
export interface BridgeTestHooks {
  pauseOutbox(on: boolean): void;
  runOutbox(): Promise<void>;
  /** Items waiting or failed in the outbox. */
  outboxCount(): Promise<number>;
  outboxItems(): Promise<
    { id: string; attempts: number; inFlight: boolean; parked: boolean; needsReconcile: boolean }[]
  >;
  /** Survives worker restarts (storage.session) until the browser closes. */
  setOutboxTiming(timing: {
    settleMs?: number;
    timeoutMs?: number;
    backoffBaseMs?: number;
  }): Promise<void>;
  /** The router's decision for a forged sender (sender checks without a second extension). */
  route(message: unknown, sender: SenderLike): Promise<MessageResult | null>;
  /**
   * Adds `count` synthetic created incidents to the history (popup benchmark), one minute apart
   * back from now; with `newerThan` (epoch ms), one millisecond apart after it instead, so an
   * older row becomes the oldest (the pruning test).
   */
  seedHistory(count: number, newerThan?: number): Promise<void>;
  /** Frames a review in the tab that shows `text` as its progress and never gets a draft. */
  showProgress?(tabId: number, text: string): Promise<string>;
}

type SessionAreaLike = Pick<SessionArea, 'get' | 'set'>;

const TIMING_KEY = 'e2e.outboxTiming';

function apply(
  timing: OutboxTiming,
  stored: { settleMs?: number; timeoutMs?: number; backoffBaseMs?: number },
) {
  if (typeof stored.settleMs === 'number') timing.settleMs = stored.settleMs;
  if (typeof stored.timeoutMs === 'number') timing.timeoutMs = stored.timeoutMs;
  if (typeof stored.backoffBaseMs === 'number') {
    timing.backoff.baseMs = stored.backoffBaseMs;
    timing.backoff.capMs = stored.backoffBaseMs * 8;
  }
}

/**
 * Installs `globalThis.__bridgeTest` at once; the returned promise restores timing a test set
 * before this worker started (await it before the first outbox pass).
 */
export function installTestHooks(
  app: BackgroundApp,
  session: SessionAreaLike,
  /** Hooks of the modules built on the services (utils/review/test-hooks.ts). */
  extra: Partial<BridgeTestHooks> = {},
): Promise<void> {
  const hooks: BridgeTestHooks = {
    ...extra,
    pauseOutbox: (on) => app.runner.setPaused(on),
    runOutbox: () => app.runner.run(),
    async outboxCount() {
      const { queued, failed } = await app.services.outbox.counts();
      return queued + failed;
    },
    async outboxItems() {
      const items = await app.services.outbox.all();
      return items.map((i) => ({
        id: i.id,
        attempts: i.attempts,
        inFlight: i.inFlight !== undefined,
        parked: i.parked,
        needsReconcile: i.needsReconcile,
      }));
    },
    async setOutboxTiming(timing) {
      apply(app.timing, timing);
      const current = (await session.get(TIMING_KEY))[TIMING_KEY] ?? {};
      await session.set({ [TIMING_KEY]: { ...current, ...timing } });
    },
    route: (message, sender) => app.router.handle(message, sender),
    seedHistory: (count, newerThan) => seedHistory(app, count, newerThan),
  };
  Object.assign(globalThis, { __bridgeTest: hooks });
  return session.get(TIMING_KEY).then(
    (items) => apply(app.timing, (items[TIMING_KEY] ?? {}) as Record<string, number>),
    () => undefined,
  );
}

/**
 * Created incidents one minute apart going back from now, written straight into the history
 * in one transaction: they stand for incidents Respond already has, so the outbox is not
 * involved, and a benchmark can seed thousands in well under a second.
 */
async function seedHistory(app: BackgroundApp, count: number, newerThan?: number): Promise<void> {
  const db = await openBridgeDbAt(DB_VERSION);
  try {
    const tx = db.transaction('incidents', 'readwrite');
    const now = app.services.now();
    const puts = Array.from({ length: count }, (_, i) => {
      const record = newHistoryRecord(
        {
          requestId: crypto.randomUUID(),
          title: `Synthetic incident ${i + 1}`,
          description: '',
          iocs: [
            { type: 'ipv4', value: `198.51.100.${i % 250}` },
            { type: 'domain', value: `host-${i}.example` },
          ],
          ctixObjects: [],
          source: {
            kind: 'page',
            url: `https://news.example/post/${i}`,
            pageTitle: `Report ${i}`,
            host: 'news.example',
            ctixObjectIds: [],
          },
        },
        newerThan === undefined ? now - i * 60_000 : newerThan + count - i,
      );
      return tx.store.put({
        ...record,
        state: 'created',
        attempts: 1,
        apiId: `seed-${i}`,
        readableId: `SEED${i + 1}`,
        link: `https://respond.example/cftr/incidents/seed-${i}/`,
      });
    });
    await Promise.all([...puts, tx.done]);
  } finally {
    db.close();
  }
  await app.services.changed();
}
