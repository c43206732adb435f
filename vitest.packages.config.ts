import { defineConfig } from 'vitest/config';

// The store packages (`npm run test:packages`, after `npm run zip`): the Chrome zip in
// Chromium, the Firefox zip in Firefox ESR. Separate from the suites that load build folders.
export default defineConfig({
  test: {
    include: ['tests/packages/**/*.e2e.ts'],
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
