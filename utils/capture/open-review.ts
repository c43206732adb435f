import type { ReviewPorts } from '../review/review-ports';
import { HOST_SCRIPT } from '../review/port-protocol';
import type { ReviewRecord, ReviewStore } from '../review/review-store';
import type { ScriptingLike, WindowsLike } from './browser-ports';

/**
 * Puts a review on screen: framed in its tab when the record says "page" and the page takes our
 * host script and the frame connects in time, otherwise in an extension window. Every flow
 * entry point (page flows, the Intel Exchange overlay) opens its review through this.
 */

/**
 * How long the framed review may take to load and connect before the review moves to a
 * window (a CSP that blocks the frame, a page that hangs). A blocked frame is reported by
 * the host at once; this covers the silent cases.
 */
export const FRAME_DEADLINE_MS = 5_000;

export const REVIEW_WINDOW = { width: 760, height: 860 } as const;

export interface ReviewOpenerDeps {
  scripting: ScriptingLike;
  windows: WindowsLike;
  store: ReviewStore;
  ports: Pick<ReviewPorts, 'waitForPage' | 'removeFrame'>;
  /** chrome-extension://<id>/review.html?id=<reviewId> */
  reviewUrl(reviewId: string): string;
  log(message: string, error?: unknown): void;
}

export function createReviewOpener(deps: ReviewOpenerDeps) {
  /** Puts the review on screen: framed in the page if it takes our host, else in a window. */
  return async function openReview(record: ReviewRecord): Promise<ReviewRecord['host']> {
    if (record.host === 'page') {
      try {
        await deps.scripting.executeScript({
          target: { tabId: record.tabId },
          files: [HOST_SCRIPT],
        });
        if (await deps.ports.waitForPage(record.reviewId, FRAME_DEADLINE_MS)) return 'page';
        deps.log('the framed review did not load; opening a window');
      } catch (error) {
        deps.log('the review could not be framed in the page; opening a window', error);
      }
      // The record moves first: the host's disconnect must not end the review.
      await deps.store.update(record.reviewId, { host: 'window' });
      deps.ports.removeFrame(record.reviewId);
    }
    const win = await deps.windows.create({
      url: deps.reviewUrl(record.reviewId),
      type: 'popup',
      width: REVIEW_WINDOW.width,
      height: REVIEW_WINDOW.height,
      focused: true,
    });
    const windowTabId = win?.tabs?.[0]?.id;
    if (windowTabId !== undefined) await deps.store.update(record.reviewId, { windowTabId });
    return 'window';
  };
}
