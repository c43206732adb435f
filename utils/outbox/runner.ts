import type { ApiError } from '../cyware/errors';
import type { ApiErrorView } from '../model/api-error';
import type { Created, OutboxStore } from '../store/outbox';
import type { HistoryRecord, OutboxItem } from '../store/records';
import { backoffDelay, type BackoffOptions } from '../cyware/backoff';
import { classifyFailure } from './classify';
import type { RespondPort } from './ports';
import { findExistingIncident, searchByReference, type SearchOutcome } from './reconcile';
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
  /** The check after a create found other incidents with the same Bridge-Ref. */
  onDuplicate?: (record: HistoryRecord) => void | Promise<void>;
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
   * result. Searching too early could miss it and send a duplicate, so it must exceed the
   * timeout: a server that answers after the timeout is still working. Default: twice the
   * timeout.
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
  // Read on every use: e2e hooks shorten them on a live worker.
  const timeoutMs = () => deps.timeoutMs ?? 30_000;
  const settleMs = () => deps.settleMs ?? 2 * timeoutMs();
  const marginMs = deps.reconcileMarginMs ?? 10 * 60_000;
  let paused = false;

  const changed = async () => {
    await deps.onChange?.();
  };

  const withLink = (item: OutboxItem, ids: Created): Created => {
    const link = deps.linkFor(item, ids);
    return { ...ids, ...(link ? { link } : {}) };
  };

  async function succeed(item: OutboxItem, ids: Created, others: Created[] = []): Promise<void> {
    const record = await deps.store.complete(item.id, withLink(item, ids));
    await changed();
    if (!record) return;
    await deps.onCreated?.(record);
    if (others.length > 0) await flagDuplicates(item, others);
  }

  async function flagDuplicates(item: OutboxItem, others: Created[]): Promise<void> {
    const record = await deps.store.flagDuplicates(
      item.id,
      others.map((o) => withLink(item, o)),
    );
    await changed();
    if (record) await deps.onDuplicate?.(record);
  }

  /**
   * One cheap search right after a create answered: a browser re-sends a POST by itself when
   * a reused keep-alive connection closes before any answer byte, and the first copy may
   * have been created too. Nothing can prevent that here; the analyst is told both IDs.
   */
  async function checkForDuplicate(item: OutboxItem, created: Created, startedAt: number) {
    let outcome: SearchOutcome;
    try {
      outcome = await searchByReference(
        deps.respond,
        item.id,
        { fromSec: (startedAt - 60_000) / 1000, toSec: (now() + 60_000) / 1000 },
        { findReference: deps.findReference, maxRequests: 3 },
      );
    } catch (error) {
      // The incident exists; a failed check only means we cannot tell about a second one.
      deps.onError?.(error);
      return;
    }
    if (outcome.kind !== 'found') return;
    const others = outcome.matches.filter((m) => m.apiId !== created.apiId);
    if (others.length > 0) await flagDuplicates(item, others);
  }

  /** The search could not prove absence: keep the item unsent and keep checking. */
  async function stayUnknown(item: OutboxItem, reason: string): Promise<void> {
    const view: ApiErrorView = {
      kind: 'server',
      message: `Not sure it was created in Respond; checking before sending again (${reason}). If you know it is not there, you can send it again.`,
      retryable: true,
    };
    await deps.store.reschedule(item.id, {
      at: now() + backoffDelay(item.attempts, undefined, deps.backoff),
      error: view,
      needsReconcile: true,
    });
    await changed();
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
    const shown: ApiErrorView = whileReconciling
      ? {
          ...view,
          message: `Not sure it was created in Respond; checking before sending again. The search failed: ${view.message}`,
        }
      : view;
    if (outcome === 'unknown' && !whileReconciling && item.inFlight) {
      // The server may still be working on the request we gave up on (a timeout, a gateway
      // 504): let it finish before searching, or the search could miss it.
      at = Math.max(at, item.inFlight.startedAt + settleMs());
    }
    await deps.store.reschedule(item.id, {
      at,
      error: shown,
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

    if (
      !item.resendConfirmed &&
      item.interruptedAt !== undefined &&
      now() < item.interruptedAt + settleMs()
    ) {
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

    if (item.resendConfirmed) {
      // The analyst chose to send without proof of absence; a send cut short now is searched
      // for again like any other.
      await deps.store.markReconciled(id);
    } else if (item.needsReconcile) {
      let outcome: SearchOutcome;
      try {
        outcome = await findExistingIncident(deps.respond, item, {
          marginMs,
          now: now(),
          findReference: deps.findReference,
        });
      } catch (error) {
        return fail(item, error, true);
      }
      if (outcome.kind === 'found') {
        const [first, ...others] = outcome.matches as [Created, ...Created[]];
        return succeed(item, first, others);
      }
      // Only a complete listing proves absence; anything less is never a reason to send.
      if (outcome.kind === 'unsure') return stayUnknown(item, outcome.reason);
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
        { timeoutMs: timeoutMs() },
      );
      result = {
        apiId: created.apiId,
        ...(created.readableId ? { readableId: created.readableId } : {}),
      };
    } catch (error) {
      return fail(item, error, false);
    }
    await succeed(item, result);
    await checkForDuplicate(item, result, item.inFlight?.startedAt ?? now());
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
