import { afterEach } from 'vitest';
import { screenshotOpenPages, type Harness } from './harness';

/**
 * Registers a harness for failure screenshots. Call from a test file's `beforeAll` once its
 * harness is launched: `trackForScreenshots(() => harness)`.
 */
export function trackForScreenshots(getHarness: () => Harness | undefined): void {
  afterEach(async (ctx) => {
    const harness = getHarness();
    if (harness && ctx.task.result?.state === 'fail') {
      await screenshotOpenPages(harness, ctx.task.name);
    }
  });
}
