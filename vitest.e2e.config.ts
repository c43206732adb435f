import { defineConfig } from 'vitest/config';

// End-to-end tests: the BUILT extension in a real Chromium against the sandbox. One file at a
// time: each launches its own Chromium, and our machines have 2 cores.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
