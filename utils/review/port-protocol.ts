/**
 * The long-lived channels (runtime.connect) between the worker and an open review. Plain data
 * and hand-written checks, no zod: the in-page host script imports this and must stay tiny.
 *
 * - `review:<reviewId>`: the review page (framed in a tab, or in its own window) connects one
 *   port for as long as it shows that review. "The dialog is showing" means "its port is
 *   connected"; the worker pushes progress, the draft and the incident's state over it.
 * - `review-host`: the tiny in-page host script connects one port per tab. The worker tells it
 *   which review to frame, and when to take the frame down (closed, or moved to a window).
 */

/** The slice of runtime.Port both ends use (Chrome and Firefox agree on it). */
export interface ChannelPort {
  postMessage(message: unknown): void;
  disconnect(): void;
  onMessage: { addListener(callback: (message: unknown) => void): void };
  onDisconnect: { addListener(callback: () => void): void };
}

export const REVIEW_PORT_PREFIX = 'review:';
export const HOST_PORT_NAME = 'review-host';

export const reviewPortName = (reviewId: string) => `${REVIEW_PORT_PREFIX}${reviewId}`;

export function reviewIdOfPort(name: string): string | null {
  if (!name.startsWith(REVIEW_PORT_PREFIX)) return null;
  const id = name.slice(REVIEW_PORT_PREFIX.length);
  return /^[\w-]{1,64}$/.test(id) ? id : null;
}

/** Worker → review page. The page validates `draft` and `item` with the model's zod schemas. */
export type ReviewPush =
  | { type: 'progress'; text: string }
  | { type: 'draft'; draft: unknown }
  /** An investigation's nodes to choose from (issue 12); the page answers with review.pick. */
  | { type: 'choose'; choice: unknown }
  | { type: 'item'; item: unknown }
  /** The review ended elsewhere (another review replaced it in this tab). */
  | { type: 'ended'; message: string };

/** Worker → host script. */
export type HostPush =
  | { type: 'frame'; reviewId: string }
  /** Remove the frame: the review closed, or it moved to an extension window. */
  | { type: 'remove'; reviewId: string };

export function isHostPush(value: unknown): value is HostPush {
  if (typeof value !== 'object' || value === null) return false;
  const { type, reviewId } = value as { type?: unknown; reviewId?: unknown };
  return (
    (type === 'frame' || type === 'remove') &&
    typeof reviewId === 'string' &&
    /^[\w-]{1,64}$/.test(reviewId)
  );
}

/** Path of the built host script (WXT: content-scripts/<entrypoint name>.js). */
export const HOST_SCRIPT = 'content-scripts/review-host.js';

/** The review page, framed in a tab (`host=frame`) or in its own window. */
export const REVIEW_PAGE = '/review.html';
