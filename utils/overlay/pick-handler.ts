import type { HandlerContext, Handlers } from '../messaging/router';
import { HandlerError } from '../messaging/router';
import { mayAccess } from '../review/review-handlers';
import type { ReviewStore } from '../review/review-store';

/**
 * review.pick (issue 12): the review page's node picker answers with the canvas nodes the
 * analyst chose. Only a sender that may show the review may answer it: our extension pages,
 * or the review page framed in that review's own tab (the sender rules of review-ports.ts).
 */

export interface PickHandlerDeps {
  store: Pick<ReviewStore, 'get'>;
  flow: {
    pick(
      reviewId: string,
      nodes: readonly string[],
    ): Promise<{ started: boolean; reason?: string }>;
  };
}

const GONE = 'This review is no longer available. Start it again from the investigation’s page.';

export function createPickHandler(deps: PickHandlerDeps): Handlers {
  return {
    async 'review.pick'({ reviewId, nodes }, ctx: HandlerContext) {
      const record = await deps.store.get(reviewId);
      if (!mayAccess(record, ctx)) throw new HandlerError(GONE);
      const start = await deps.flow.pick(reviewId, nodes);
      return start.reason === undefined
        ? { started: start.started }
        : { started: start.started, reason: start.reason };
    },
  };
}
