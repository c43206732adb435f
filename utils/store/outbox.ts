import type { ApiErrorView } from '../model/api-error';
import type { IncidentRequest } from '../model/incident';
import type { BridgeDb } from './db';
import { HISTORY_CAP, newHistoryRecord, pruneHistory } from './history';
import type { HistoryRecord, OutboxItem, PreparedCreate } from './records';

/**
 * The durable outbox. Every state change of a create request is ONE transaction over the
 * outbox and the history, so a worker killed at any point leaves the two consistent: an
 * outbox item always has a history row, and a history row is 'created' only once its
 * outbox item is gone.
 */
export interface Created {
  apiId: string;
  readableId?: string;
  link?: string;
}

/** removed; nothing to remove (or a send in progress); or refused for want of a confirmation. */
export type DismissResult = 'removed' | 'not-removed' | 'needs-confirmation';

/** The history row's flag for an item that may already exist in Respond. */
function withOutcome(row: HistoryRecord, unknown: boolean): HistoryRecord {
  const { outcomeUnknown: _u, ...rest } = row;
  return unknown ? { ...rest, outcomeUnknown: true } : rest;
}

export interface OutboxStore {
  /** Persist a new request; the same id twice returns the first row and adds nothing. */
  enqueue(
    request: IncidentRequest,
    prepared: PreparedCreate,
  ): Promise<{ record: HistoryRecord; isNew: boolean }>;
  /**
   * Take a due item for sending: marks it in flight in the DB first. An item found already in
   * flight was being sent when a worker died, so its outcome is unknown: flag it for
   * reconciliation. Returns null when the item is gone, parked or not due.
   */
  claim(id: string): Promise<OutboxItem | null>;
  /** The request reached Respond (or reconciliation found it): history 'created', item gone. */
  complete(id: string, created: Created): Promise<HistoryRecord | null>;
  /** Try again later; stays queued. */
  reschedule(
    id: string,
    next: { at: number; error: ApiErrorView; needsReconcile: boolean },
  ): Promise<void>;
  /** Reconciliation found nothing: the next send is a plain create. */
  markReconciled(id: string): Promise<void>;
  /** Permanent failure: history 'failed', the item is kept (parked) for a manual retry. */
  park(id: string, error: ApiErrorView): Promise<HistoryRecord | null>;
  /** Other incidents with the same Bridge-Ref were found after the create (history only). */
  flagDuplicates(id: string, others: Created[]): Promise<HistoryRecord | null>;
  /**
   * The analyst confirmed a resend of an item of unknown outcome: the next attempt is a plain
   * create, without searching first. While a search of it runs, the resend follows that
   * search (unless it finds the incident).
   */
  forceResend(id: string): Promise<HistoryRecord | null>;
  /** Manual retry: due now; `prepared` replaces the stored request when given. */
  requeue(id: string, prepared?: PreparedCreate): Promise<HistoryRecord | null>;
  /**
   * Forget an incident; refused while a send of it may be in progress, and (unless
   * `confirmUnknownOutcome`) when an earlier attempt may have created it in Respond.
   */
  dismiss(id: string, opts?: { confirmUnknownOutcome?: boolean }): Promise<DismissResult>;
  get(id: string): Promise<OutboxItem | undefined>;
  all(): Promise<OutboxItem[]>;
  /** Items the runner should look at now, oldest first. */
  due(): Promise<OutboxItem[]>;
  /** Earliest nextAttemptAt among waiting items, or null when nothing waits. */
  nextDueAt(): Promise<number | null>;
  counts(): Promise<{ queued: number; failed: number }>;
}

export function createOutboxStore(
  getDb: () => Promise<BridgeDb>,
  { now = Date.now, historyCap = HISTORY_CAP } = {},
): OutboxStore {
  async function rw() {
    return (await getDb()).transaction(['outbox', 'incidents'], 'readwrite');
  }

  /** Update the history row of `id` inside `tx`, returning the new row. */
  async function patchHistory(
    tx: Awaited<ReturnType<typeof rw>>,
    id: string,
    patch: (row: HistoryRecord) => HistoryRecord,
  ): Promise<HistoryRecord | null> {
    const store = tx.objectStore('incidents');
    const row = await store.get(id);
    if (!row) return null;
    const next = { ...patch(row), updatedAt: now() };
    await store.put(next);
    return next;
  }

  return {
    async enqueue(request, prepared) {
      const tx = await rw();
      const existing = await tx.objectStore('incidents').get(request.requestId);
      if (existing) {
        await tx.done;
        return { record: existing, isNew: false };
      }
      const at = now();
      const record = newHistoryRecord(request, at);
      const item: OutboxItem = {
        id: request.requestId,
        request,
        prepared,
        enqueuedAt: at,
        attempts: 0,
        nextAttemptAt: at,
        needsReconcile: false,
        parked: false,
      };
      await tx.objectStore('incidents').put(record);
      await tx.objectStore('outbox').put(item);
      await pruneHistory(tx, historyCap);
      await tx.done;
      return { record, isNew: true };
    },

    async claim(id) {
      const tx = await rw();
      const item = await tx.objectStore('outbox').get(id);
      const at = now();
      if (!item || item.parked || item.nextAttemptAt > at) {
        await tx.done;
        return null;
      }
      const claimed: OutboxItem = {
        ...item,
        needsReconcile: item.needsReconcile || item.inFlight !== undefined,
        ...(item.inFlight ? { interruptedAt: item.inFlight.startedAt } : {}),
        inFlight: { startedAt: at },
        attempts: item.attempts + 1,
        firstAttemptAt: item.firstAttemptAt ?? at,
      };
      await tx.objectStore('outbox').put(claimed);
      await patchHistory(tx, id, (row) => ({
        ...withOutcome(row, claimed.needsReconcile),
        state: 'sending',
        attempts: claimed.attempts,
      }));
      await tx.done;
      return claimed;
    },

    async complete(id, created) {
      const tx = await rw();
      await tx.objectStore('outbox').delete(id);
      const row = await patchHistory(tx, id, (r) => {
        const { error: _e, nextAttemptAt: _n, ...rest } = withOutcome(r, false);
        return { ...rest, state: 'created', ...created };
      });
      await tx.done;
      return row;
    },

    async reschedule(id, next) {
      const tx = await rw();
      const item = await tx.objectStore('outbox').get(id);
      if (item) {
        const { inFlight: _f, ...rest } = item;
        const needsReconcile = item.needsReconcile || next.needsReconcile;
        await tx.objectStore('outbox').put({
          ...rest,
          // A resend the analyst confirmed during this attempt's search goes out at once.
          nextAttemptAt: item.resendConfirmed ? Math.min(next.at, now()) : next.at,
          lastError: next.error,
          needsReconcile,
        });
        await patchHistory(tx, id, (r) => ({
          ...withOutcome(r, needsReconcile),
          state: 'queued',
          error: next.error,
          nextAttemptAt: next.at,
        }));
      }
      await tx.done;
    },

    async markReconciled(id) {
      const tx = await rw();
      const item = await tx.objectStore('outbox').get(id);
      if (item) {
        const { interruptedAt: _i, resendConfirmed: _r, ...rest } = item;
        await tx.objectStore('outbox').put({ ...rest, needsReconcile: false });
        await patchHistory(tx, id, (r) => withOutcome(r, false));
      }
      await tx.done;
    },

    async flagDuplicates(id, others) {
      const tx = await rw();
      const row = await patchHistory(tx, id, (r) => {
        const known = new Map((r.duplicates ?? []).map((d) => [d.apiId, d]));
        for (const o of others) if (o.apiId !== r.apiId) known.set(o.apiId, o);
        return { ...r, duplicates: [...known.values()] };
      });
      await tx.done;
      return row;
    },

    async forceResend(id) {
      const tx = await rw();
      const item = await tx.objectStore('outbox').get(id);
      let row: HistoryRecord | null = null;
      if (item?.inFlight) {
        await tx
          .objectStore('outbox')
          .put({ ...item, resendConfirmed: true, nextAttemptAt: now() });
        row = (await tx.objectStore('incidents').get(id)) ?? null;
      } else if (item) {
        const at = now();
        const { interruptedAt: _i, lastError: _l, ...rest } = item;
        await tx.objectStore('outbox').put({
          ...rest,
          needsReconcile: false,
          resendConfirmed: true,
          parked: false,
          nextAttemptAt: at,
        });
        row = await patchHistory(tx, id, (r) => {
          const { error: _e, ...kept } = withOutcome(r, false);
          return { ...kept, state: 'queued', nextAttemptAt: at };
        });
      }
      await tx.done;
      return row;
    },

    async park(id, error) {
      const tx = await rw();
      const item = await tx.objectStore('outbox').get(id);
      let row: HistoryRecord | null = null;
      if (item) {
        const { inFlight: _f, ...rest } = item;
        await tx.objectStore('outbox').put({ ...rest, parked: true, lastError: error });
        row = await patchHistory(tx, id, (r) => {
          const { nextAttemptAt: _n, ...kept } = withOutcome(r, item.needsReconcile);
          return { ...kept, state: 'failed', error };
        });
      }
      await tx.done;
      return row;
    },

    async requeue(id, prepared) {
      const tx = await rw();
      const item = await tx.objectStore('outbox').get(id);
      let row: HistoryRecord | null = null;
      if (item) {
        const at = now();
        await tx.objectStore('outbox').put({
          ...item,
          ...(prepared ? { prepared } : {}),
          parked: false,
          nextAttemptAt: at,
        });
        row = await patchHistory(tx, id, (r) => {
          const { error: _e, ...kept } = r;
          return { ...kept, state: 'queued', nextAttemptAt: at };
        });
      }
      await tx.done;
      return row;
    },

    async dismiss(id, { confirmUnknownOutcome = false } = {}) {
      const tx = await rw();
      const item = await tx.objectStore('outbox').get(id);
      const row = await tx.objectStore('incidents').get(id);
      if (item?.inFlight || (!item && !row)) {
        await tx.done;
        return 'not-removed';
      }
      // Decided inside the transaction: the runner cannot flag the item between check and delete.
      if (item?.needsReconcile && !confirmUnknownOutcome) {
        await tx.done;
        return 'needs-confirmation';
      }
      await tx.objectStore('outbox').delete(id);
      await tx.objectStore('incidents').delete(id);
      await tx.done;
      return 'removed';
    },

    async get(id) {
      return (await getDb()).get('outbox', id);
    },

    async all() {
      return (await getDb()).getAll('outbox');
    },

    async due() {
      const at = now();
      const all = await (await getDb()).getAll('outbox');
      return all
        .filter((i) => !i.parked && i.nextAttemptAt <= at)
        .toSorted((a, b) => a.enqueuedAt - b.enqueuedAt);
    },

    async nextDueAt() {
      const all = await (await getDb()).getAll('outbox');
      const waiting = all.filter((i) => !i.parked).map((i) => i.nextAttemptAt);
      return waiting.length > 0 ? Math.min(...waiting) : null;
    },

    async counts() {
      const all = await (await getDb()).getAll('outbox');
      const failed = all.filter((i) => i.parked).length;
      return { queued: all.length - failed, failed };
    },
  };
}
