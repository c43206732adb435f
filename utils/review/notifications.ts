import type { ReviewStore } from './review-store';

/**
 * The notification rule (product.md §1 review dialog, issue 6):
 *
 *   The core notifies on every created / finally-failed incident. A notification is left out
 *   only while a review dialog is showing that very incident: the dialog that sent it (its
 *   requestId is linked to the review by incident.create) is still on screen. "On screen"
 *   means its review page holds a connected port (./review-ports.ts), checked when the outcome
 *   arrives: a closed, reloaded or navigated tab, or a closed window, has none. Closing the
 *   dialog (Esc, ×, the tab, the window) removes the review, so anything that settles
 *   afterwards is notified. A dialog in a background tab still counts as showing: it displays
 *   the result as soon as the user looks at it.
 */

export interface ShowingDeps {
  store: Pick<ReviewStore, 'findByRequest'>;
  isConnected(reviewId: string): boolean;
}

export function createShowingCheck(deps: ShowingDeps) {
  return async function isShowing(requestId: string): Promise<boolean> {
    const record = await deps.store.findByRequest(requestId);
    return record !== undefined && deps.isConnected(record.reviewId);
  };
}
