import type { Review } from './create-review';
import { HOST_SCRIPT } from './port-protocol';

/** E2E-only review hooks, merged into globalThis.__bridgeTest (utils/background/test-hooks.ts). */
/** The one scripting call used here (WXT's browser.scripting fits). */
interface InjectFiles {
  executeScript(injection: {
    target: { tabId: number };
    files?: string[];
    func?: (...args: never[]) => unknown;
    args?: unknown[];
  }): Promise<unknown>;
}

export function reviewTestHooks(review: Pick<Review, 'store' | 'ports'>, scripting: InjectFiles) {
  return {
    async showProgress(tabId: number, text: string): Promise<string> {
      const reviewId = crypto.randomUUID();
      await review.store.put({ reviewId, tabId, host: 'page', createdAt: Date.now() });
      await scripting.executeScript({ target: { tabId }, files: [HOST_SCRIPT] });
      if (!(await review.ports.waitForPage(reviewId, 10_000))) {
        throw new Error('The framed review did not connect');
      }
      review.ports.push(reviewId, { type: 'progress', text });
      return reviewId;
    },
  };
}
