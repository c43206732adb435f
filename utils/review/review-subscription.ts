import type { ChannelPort } from './port-protocol';
import { openReviewChannel, type ReviewEvent } from './review-channel';

/**
 * One channel per review page, shared by every listener (React's StrictMode subscribes twice
 * in development). Events that arrive before a listener subscribes are replayed to it, so the
 * draft pushed on connect is never lost to a late render.
 */
export function createReviewSubscription(deps: {
  reviewId: string;
  connect(name: string): ChannelPort;
}): (listener: (event: ReviewEvent) => void) => () => void {
  const listeners = new Set<(event: ReviewEvent) => void>();
  const seen: ReviewEvent[] = [];
  let opened = false;
  const abort = new AbortController();
  return (listener) => {
    listeners.add(listener);
    seen.forEach((event) => listener(event));
    if (!opened) {
      opened = true;
      openReviewChannel({
        connect: deps.connect,
        reviewId: deps.reviewId,
        signal: abort.signal,
        onEvent(event) {
          // Progress is replayed only as its latest text; everything else in order.
          if (event.type === 'progress') {
            const last = seen.findIndex((e) => e.type === 'progress');
            if (last >= 0) seen.splice(last, 1);
          }
          seen.push(event);
          listeners.forEach((l) => l(event));
        },
      });
    }
    return () => {
      listeners.delete(listener);
    };
  };
}
