import type { ApiError } from '../cyware/errors';
import type { ApiErrorView } from '../model/api-error';
import type { Created, OutboxStore } from '../store/outbox';
import type { HistoryRecord, OutboxItem } from '../store/records';
import { backoffDelay, type BackoffOptions } from '../cyware/backoff';
import { classifyFailure } from './classify';
import type { RespondPort } from './ports';
import { findExistingIncident } from './reconcile';
import { singleFlight, withWebLock } from './single-flight';

export interface OutboxRunnerDeps {
  store: OutboxStore;
  respond: RespondPort;
  findReference: (text: string) => string | null;
  /** The incident's web link, or undefined when it cannot be built. */
  linkFor: (item: OutboxItem, ids: { apiId: string; readableId?: string }) => string | undefined;
  /**
   * A reason not to send at all right now. The Respond client refuses by itself when not
   * configured or expired; this is for callers that know more.
   */
  checkReady?: () => Promise<ApiError | null>;
  /**
   * True while nothing may be sent at all (the passphrase lock is closed): a pass claims
   * nothing, so every item stays queued as it is, and no retry timer spins. Whoever lifts the
   * hold wakes the runner.
   */
  isHeld?: () => Promise<boolean>;
  onCreated?: (record: HistoryRecord) => void | Promise<void>;
  onFailed?: (record: HistoryRecord) => void | Promise<void>;
  /** Any change to outbox or history (pages refresh, the badge updates). */
  onChange?: () => void | Promise<void>;
  /** Unexpected failures (storage), for the log. */
  onError?: (error: unknown) => void;
  /** Wake the runner again at this time (null: nothing waits). */
  schedule?: (at: number | null) => void | Promise<void>;
  now?: () => number;
  backoff?: BackoffOptions;
  /** Per create request. */
  timeoutMs?: number;
  /** How far before the first attempt reconciliation searches. */
  reconcileMarginMs?: number;
  /**
   * After an attempt with an unknown outcome (timeout, dropped connection, worker died
   * mid-request), how long from its start to let the server finish before searching for its
   * result. Searching too early could miss it and send a duplicate. Default: the timeout.
   */
  settleMs?: number;
  /** Web Lock name; the platform lock keeps even two runner copies from overlapping. */
  lockName?: string;
}

export interface OutboxRunner {
  /** Send everything due; concurrent calls share one pass (and ask for one more). */
  run(): Promise<void>;
  /** E2E only: hold all sends (items stay queued in the DB). */
  setPaused(paused: boolean): void;
  readonly paused: boolean;
}

const INTERRUPTED: ApiErrorView = {
  kind: 'timeout',
  message:
    'The extension stopped while sending this incident; it will check Respond before retrying.',
  retryable: true,
};

export function createOutboxRunner(deps: OutboxRunnerDeps): OutboxRunner {
  const now = deps.now ?? Date.now;
  const timeoutMs = deps.timeoutMs ?? 30_000;
  // Read on every use: e2e hooks shorten it on a live worker.
  const settleMs = () => deps.settleMs ?? timeoutMs;
  const marginMs = deps.reconcileMarginMs ?? 10 * 60_000;
  let paused = false;

  const changed = async () => {
    await deps.onChange?.();
  };

  async function succeed(item: OutboxItem, ids: Created): Promise<void> {
    const link = deps.linkFor(item, ids);
    const record = await deps.store.complete(item.id, { ...ids, ...(link ? { link } : {}) });
    await changed();
    if (record) await deps.onCreated?.(record);
  }

  async function fail(item: OutboxItem, error: unknown, whileReconciling: boolean): Promise<void> {
    const { outcome, view, retryAfterSec } = classifyFailure(error);
    if (outcome === 'permanent') {
      const record = await deps.store.park(item.id, view);
      await changed();
      if (record) await deps.onFailed?.(record);
      return;
    }
    let at = now() + backoffDelay(item.attempts, retryAfterSec, deps.backoff);
    if (outcome === 'unknown' && !whileReconciling && item.inFlight) {
      // The server may still be working on the request we gave up on (a timeout, a gateway
      // 504): let it finish before searching, or the search could miss it.
      at = Math.max(at, item.inFlight.startedAt + settleMs());
    }
    await deps.store.reschedule(item.id, {
      at,
      error: view,
      // A failed search changes nothing about the earlier attempt: the flag stays as it was.
      needsReconcile: outcome === 'unknown' && !whileReconciling,
    });
    await changed();
  }

  async function processOne(id: string): Promise<void> {
    // The claim marks the item in flight in the DB before anything goes out.
    const item = await deps.store.claim(id);
    if (!item) return;
    await changed();

    if (item.interruptedAt !== undefined && now() < item.interruptedAt + settleMs()) {
      await deps.store.reschedule(id, {
        at: item.interruptedAt + settleMs(),
        error: INTERRUPTED,
        needsReconcile: true,
      });
      await changed();
      return;
    }

    const blocked = (await deps.checkReady?.()) ?? null;
    if (blocked) return fail(item, blocked, false);

    if (item.needsReconcile) {
      let existing: Created | null;
      try {
        existing = await findExistingIncident(deps.respond, item, {
          marginMs,
          findReference: deps.findReference,
        });
      } catch (error) {
        return fail(item, error, true);
      }
      if (existing) return succeed(item, existing);
      await deps.store.markReconciled(id);
    }

    let result: Created;
    try {
      const { prepared } = item;
      const created = await deps.respond.createIncident(
        {
          path: prepared.path,
          body: prepared.body,
          apiIdPaths: prepared.apiIdPaths,
          readableIdPaths: prepared.readableIdPaths,
        },
        { timeoutMs },
      );
      result = {
        apiId: created.apiId,
        ...(created.readableId ? { readableId: created.readableId } : {}),
      };
    } catch (error) {
      return fail(item, error, false);
    }
    await succeed(item, result);
  }

  async function pass(): Promise<void> {
    if (paused || (await deps.isHeld?.())) return;
    try {
      for (const item of await deps.store.due()) {
        if (paused) break;
        try {
          await processOne(item.id);
        } catch (error) {
          // A storage failure on one item must not stall the others; the item keeps its
          // state (in flight = checked before any resend) and is tried again later.
          deps.onError?.(error);
        }
      }
    } finally {
      // Always leave a wake-up behind while something waits, even after a failure.
      await deps.schedule?.(await deps.store.nextDueAt());
    }
  }

  const run = singleFlight(withWebLock(deps.lockName ?? 'cftr-bridge-outbox', pass));

  return {
    run,
    setPaused(on) {
      paused = on;
    },
    get paused() {
      return paused;
    },
  };
}
