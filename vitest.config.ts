import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// Unit tests only. End-to-end tests (tests/e2e) run in a real Chromium with vitest.e2e.config.ts
// (`npm run test:e2e`).
export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/unit/**/*.test.tsx'],
    setupFiles: ['tests/unit/setup.ts'],
    environment: 'node',
    testTimeout: 20_000,
    // expect.poll's 1 s default is too short for React renders on a loaded 2-core machine (a
    // build or browser running beside the tests); a poll still fails when the state never comes.
    expect: { poll: { timeout: 5_000 } },
  },
});
