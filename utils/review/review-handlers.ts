import { enrichmentsFromLookup, type CtixClient } from '../cyware/ctix-client';
import { ApiError, isApiError } from '../cyware/errors';
import { type ApiErrorView } from '../model/api-error';
import type { Enrichment } from '../model/review';
import type { Handler, HandlerContext, Handlers } from '../messaging/router';
import type { ReviewRecord, ReviewStore } from './review-store';

/**
 * review.get / review.enrich / review.close / flow.startPage, and incident.create wrapped so
 * the review it came from is remembered (notifications stay quiet while that dialog shows the
 * result). A content script only ever reaches the review of its own tab.
 */

/** Values per bulk lookup call (cyware-api.md §4: about 20). */
export const ENRICH_CHUNK = 20;

export interface ReviewHandlerDeps {
  store: ReviewStore;
  ctix: () => Pick<CtixClient, 'bulkLookup'>;
  /** Intel Exchange has a URL, access ID and secret. */
  ctixConfigured: () => Promise<boolean>;
  startPageFlow: (tabId: number) => Promise<{ started: boolean; reason?: string }>;
  /** The core incident.create (idempotent per requestId). */
  coreCreate: () => Handler<'incident.create'>;
  log?: (message: string, error?: unknown) => void;
}

/** Extension pages see every review; a content script only the in-page review of its tab. */
export function mayAccess(record: ReviewRecord | undefined, ctx: HandlerContext): boolean {
  if (!record) return false;
  if (ctx.role === 'page') return true;
  return record.host === 'page' && ctx.sender.tab?.id === record.tabId;
}

async function recordFor(
  store: ReviewStore,
  reviewId: string | undefined,
  ctx: HandlerContext,
): Promise<ReviewRecord | undefined> {
  let record: ReviewRecord | undefined;
  if (reviewId !== undefined) record = await store.get(reviewId);
  else if (ctx.role === 'content' && ctx.sender.tab?.id !== undefined) {
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
      if (ctx.role === 'content') {
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
      return { closed: await deps.store.remove(record.reviewId) };
    },

    async 'flow.startPage'({ tabId }) {
      const { started, reason } = await deps.startPageFlow(tabId);
      return reason === undefined ? { started } : { started, reason };
    },

    async 'incident.create'(payload, ctx) {
      if (payload.reviewId !== undefined) {
        // Before the create: the outbox may finish (and notify) before this handler returns.
        const record = await recordFor(deps.store, payload.reviewId, ctx);
        if (record) {
          await deps.store
            .update(record.reviewId, { requestId: payload.incident.requestId })
            .catch((error: unknown) => deps.log?.('linking the review failed', error));
        }
      }
      return deps.coreCreate()(payload, ctx);
    },
  };
}
