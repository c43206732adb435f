import * as z from 'zod/mini';
import { nodeChoiceSchema } from '../model/node-choice';
import { reviewDraftSchema, type ReviewDraft } from '../model/review';
import type { SessionArea } from '../store/session-area';

/**
 * Review drafts live in storage.session: they hold page text the user has not decided to send,
 * so they never touch disk, and they survive a service-worker restart (the dialog asks again
 * and still finds its draft). storage.session is readable by the background and our pages
 * only; content scripts get a draft through review.get, checked against their tab.
 *
 * Keys: `review:<reviewId>` → record; `review-tab:<tabId>` → the tab's current reviewId.
 */

export const reviewRecordSchema = z.object({
  reviewId: z.string(),
  /** The tab the flow ran on (its text, its dialog when drawn in the page). */
  tabId: z.int(),
  /** Where the dialog is drawn: in the page (shadow root) or in an extension window. */
  host: z.enum(['page', 'window']),
  /** The extension window's tab, once opened (closing it closes the review). */
  windowTabId: z.optional(z.int()),
  createdAt: z.number(),
  /** Absent while the flow is still reading and extracting. */
  draft: z.optional(reviewDraftSchema),
  /** The incident the dialog asked to create (notifications stay quiet while it shows it). */
  requestId: z.optional(z.string()),
  /**
   * An investigation's canvas action (issue 12): the nodes the analyst chooses from before
   * anything is resolved. Cleared once the choice is sent (review.pick).
   */
  choose: z.optional(nodeChoiceSchema),
  /** The flow could not produce a draft; the review shows this instead (in words). */
  failed: z.optional(z.string()),
});
export type ReviewRecord = z.infer<typeof reviewRecordSchema>;

const recordKey = (reviewId: string) => `review:${reviewId}`;
const tabKey = (tabId: number) => `review-tab:${tabId}`;

/** Drafts nobody closed (a crashed tab, a lost message) are dropped after a day. */
export const REVIEW_TTL_MS = 24 * 60 * 60 * 1000;

export interface ReviewStore {
  get(reviewId: string): Promise<ReviewRecord | undefined>;
  forTab(tabId: number): Promise<ReviewRecord | undefined>;
  /** Creates or replaces a record; it becomes its tab's current review. */
  put(record: ReviewRecord): Promise<void>;
  update(
    reviewId: string,
    patch: Partial<Omit<ReviewRecord, 'reviewId'>>,
  ): Promise<ReviewRecord | undefined>;
  setDraft(reviewId: string, draft: ReviewDraft): Promise<ReviewRecord | undefined>;
  remove(reviewId: string): Promise<boolean>;
  /** Every record whose page tab or window tab is `tabId`. */
  removeForTab(tabId: number): Promise<number>;
  findByRequest(requestId: string): Promise<ReviewRecord | undefined>;
  all(): Promise<ReviewRecord[]>;
}

export function createReviewStore(area: SessionArea, now: () => number = Date.now): ReviewStore {
  // Writes are read-modify-write on one key: run them one at a time, or a draft stored while
  // the window's tab id is recorded could lose one of the two.
  let queue: Promise<unknown> = Promise.resolve();
  function serial<T>(task: () => Promise<T>): Promise<T> {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  }

  async function all(): Promise<ReviewRecord[]> {
    const items = await area.get(null);
    const out: ReviewRecord[] = [];
    for (const [key, value] of Object.entries(items)) {
      if (!key.startsWith('review:')) continue;
      const parsed = reviewRecordSchema.safeParse(value);
      if (parsed.success) out.push(parsed.data);
    }
    return out;
  }

  async function get(reviewId: string): Promise<ReviewRecord | undefined> {
    const key = recordKey(reviewId);
    const parsed = reviewRecordSchema.safeParse((await area.get(key))[key]);
    if (!parsed.success) return undefined;
    if (parsed.data.createdAt + REVIEW_TTL_MS < now()) return undefined;
    return parsed.data;
  }

  async function removeRecords(records: readonly ReviewRecord[]): Promise<void> {
    if (records.length === 0) return;
    const current = await area.get(records.map((r) => tabKey(r.tabId)));
    const keys = records.map((r) => recordKey(r.reviewId));
    for (const r of records) {
      // The tab pointer goes only if it still points at this review (a newer one may own it).
      if (current[tabKey(r.tabId)] === r.reviewId) keys.push(tabKey(r.tabId));
    }
    await area.remove(keys);
  }

  async function pruneExpired(): Promise<void> {
    const cutoff = now() - REVIEW_TTL_MS;
    await removeRecords((await all()).filter((r) => r.createdAt < cutoff));
  }

  return {
    get,
    all,
    async forTab(tabId) {
      const key = tabKey(tabId);
      const reviewId = (await area.get(key))[key];
      return typeof reviewId === 'string' ? get(reviewId) : undefined;
    },
    put: (record) =>
      serial(async () => {
        await pruneExpired();
        await area.set({
          [recordKey(record.reviewId)]: record,
          [tabKey(record.tabId)]: record.reviewId,
        });
      }),
    update: (reviewId, patch) =>
      serial(async () => {
        const record = await get(reviewId);
        if (!record) return undefined;
        const next: ReviewRecord = { ...record, ...patch, reviewId };
        await area.set({ [recordKey(reviewId)]: next });
        return next;
      }),
    setDraft: (reviewId, draft) =>
      serial(async () => {
        const record = await get(reviewId);
        if (!record) return undefined;
        const next: ReviewRecord = { ...record, draft };
        await area.set({ [recordKey(reviewId)]: next });
        return next;
      }),
    remove: (reviewId) =>
      serial(async () => {
        const record = await get(reviewId);
        if (!record) return false;
        await removeRecords([record]);
        return true;
      }),
    removeForTab: (tabId) =>
      serial(async () => {
        const records = (await all()).filter((r) => r.tabId === tabId || r.windowTabId === tabId);
        await removeRecords(records);
        return records.length;
      }),
    async findByRequest(requestId) {
      return (await all()).find((r) => r.requestId === requestId);
    },
  };
}
