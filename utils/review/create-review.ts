import type { Services } from '../background/services';
import type { CreateHook } from '../background/history-handlers';
import type { Handlers, Role, SenderLike } from '../messaging/router';
import type { SessionArea } from '../store/session-area';
import { toHistoryItem } from '../store/history';
import { createShowingCheck } from './notifications';
import { createReviewHandlers, createReviewLink } from './review-handlers';
import { createReviewPorts, type PortLike, type ReviewPorts } from './review-ports';
import { createReviewStore, type ReviewStore } from './review-store';

/**
 * The review, worker side: where drafts wait (the store), who is looking at them (the ports),
 * and the review messages. Built from the services, before the router and the capture flows
 * that hand it their drafts.
 */

export interface ReviewDeps {
  storage: { session: SessionArea };
  services: Pick<Services, 'history' | 'clients' | 'onChanged'>;
  /** The router's sender check (senderRole bound to this extension). */
  roleOf(sender: SenderLike | undefined): Role | null;
  now?: () => number;
  log?: (message: string, error?: unknown) => void;
}

export interface Review {
  store: ReviewStore;
  ports: ReviewPorts;
  handlers: Handlers;
  /** Links a create to its review; refuses a framed page's create for another tab. */
  beforeCreate: CreateHook;
  /** Whether a review dialog is showing this incident (its notification then stays quiet). */
  isShowing(historyId: string): Promise<boolean>;
  onConnect(port: PortLike): void;
  onTabRemoved(tabId: number): void;
}

export function createReview(deps: ReviewDeps): Review {
  const log = deps.log ?? (() => undefined);
  const store = createReviewStore(deps.storage.session, deps.now);
  const { history, clients } = deps.services;
  const ports = createReviewPorts({
    store,
    roleOf: deps.roleOf,
    itemFor: async (requestId) => {
      const row = await history.get(requestId);
      return row ? toHistoryItem(row) : null;
    },
    log,
  });
  // Each history change reaches the open reviews as their incident's new state (no polling).
  deps.services.onChanged(() => void ports.itemsChanged());

  const ctixConfigured = async () => (await clients.getConfig('ctix')) !== null;
  const handlers = createReviewHandlers({
    store,
    ctix: () => clients.ctix,
    ctixConfigured,
    onClosed: (reviewId) => ports.removeFrame(reviewId),
    log,
  });

  return {
    store,
    ports,
    handlers,
    beforeCreate: createReviewLink({ store, log }),
    isShowing: createShowingCheck({ store, isConnected: (id) => ports.isShowing(id) }),
    onConnect: (port) => ports.onConnect(port),
    onTabRemoved(tabId) {
      void store
        .removeForTab(tabId)
        .catch((error: unknown) => log('dropping reviews failed', error));
    },
  };
}
