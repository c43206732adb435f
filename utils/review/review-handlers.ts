import { enrichmentsFromLookup, type CtixClient } from '../cyware/ctix-client';
import { ApiError, isApiError } from '../cyware/errors';
import { type ApiErrorView } from '../model/api-error';
import type { Enrichment } from '../model/review';
import { HandlerError, type HandlerContext, type Handlers } from '../messaging/router';
import type { CreateHook } from '../background/history-handlers';
import { mayShow } from './review-ports';
import type { ReviewRecord, ReviewStore } from './review-store';

/**
 * review.get / review.enrich / review.close, and the create hook that links an
 * incident to the review it came from (notifications stay quiet while that dialog shows the
 * result). Our review page framed in a web tab only ever reaches the review of that tab.
 */

/** Values per bulk lookup call (cyware-api.md §4: about 20). */
export const ENRICH_CHUNK = 20;

export interface ReviewHandlerDeps {
  store: ReviewStore;
  ctix: () => Pick<CtixClient, 'bulkLookup'>;
  /** Intel Exchange has a URL, access ID and secret. */
  ctixConfigured: () => Promise<boolean>;
  /** The review ended: take its frame out of the tab. */
  onClosed?: (reviewId: string) => void;
  log?: (message: string, error?: unknown) => void;
}

/** Extension pages see every review; a framed review page only the in-page review of its tab. */
export function mayAccess(record: ReviewRecord | undefined, ctx: HandlerContext): boolean {
  return mayShow(record, ctx.role, ctx.sender);
}

async function recordFor(
  store: ReviewStore,
  reviewId: string | undefined,
  ctx: HandlerContext,
): Promise<ReviewRecord | undefined> {
  let record: ReviewRecord | undefined;
  if (reviewId !== undefined) record = await store.get(reviewId);
  else if (ctx.role === 'frame' && ctx.sender.tab?.id !== undefined) {
    record = await store.forTab(ctx.sender.tab.id);
  }
  return mayAccess(record, ctx) ? record : undefined;
}

const NOT_CONFIGURED: ApiErrorView = new ApiError(
  'not-configured',
  'Intel Exchange is not set up, so IOCs cannot be looked up.',
).toView();

export function createReviewHandlers(deps: ReviewHandlerDeps): Handlers {
  return {
    async 'review.get'({ reviewId }, ctx) {
      const record = await recordFor(deps.store, reviewId, ctx);
      return { draft: record?.draft ?? null };
    },

    async 'review.enrich'({ values }, ctx) {
      let asked = [...new Set(values)];
      if (ctx.role !== 'page') {
        // Our Intel Exchange credentials answer only about values the tab's review holds.
        const record = await recordFor(deps.store, undefined, ctx);
        const inDraft = new Set(record?.draft?.iocs.map((i) => i.value) ?? []);
        asked = asked.filter((v) => inDraft.has(v));
      }
      if (asked.length === 0) return { results: [] };
      if (!(await deps.ctixConfigured())) return { results: [], error: NOT_CONFIGURED };
      const results: Enrichment[] = [];
      for (let i = 0; i < asked.length; i += ENRICH_CHUNK) {
        const chunk = asked.slice(i, i + ENRICH_CHUNK);
        try {
          const paged = await deps.ctix().bulkLookup(chunk, { pageSize: 50, maxPages: 4 });
          results.push(...enrichmentsFromLookup(chunk, paged.results));
        } catch (error) {
          if (!isApiError(error)) throw error;
          // What was looked up so far still helps; the dialog shows the rest as not checked.
          return { results, error: error.toView() };
        }
      }
      return { results };
    },

    async 'review.close'({ reviewId }, ctx) {
      const record = await recordFor(deps.store, reviewId, ctx);
      if (!record) return { closed: false };
      const closed = await deps.store.remove(record.reviewId);
      deps.onClosed?.(record.reviewId);
      return { closed };
    },
  };
}

/**
 * Runs before the core's incident.create (the outbox may finish, and notify, before that
 * handler returns). Links the request to its review; a framed review page may create only
 * from the open review of its own tab.
 */
export function createReviewLink(deps: Pick<ReviewHandlerDeps, 'store' | 'log'>): CreateHook {
  return async (payload, ctx) => {
    const record =
      payload.reviewId === undefined
        ? undefined
        : await recordFor(deps.store, payload.reviewId, ctx);
    if (ctx.role === 'frame' && !record) {
      throw new HandlerError('This review is no longer open here. Start it again from the page.');
    }
    if (!record) return;
    await deps.store
      .update(record.reviewId, { requestId: payload.incident.requestId })
      .catch((error: unknown) => deps.log?.('linking the review failed', error));
  };
}
