import { defineConfig } from 'vitest/config';

// The Firefox smoke suite: the production Firefox build in real headless Firefox ESR over
// WebDriver BiDi (`npm run test:firefox`). Separate from the Chromium e2e suite.
export default defineConfig({
  test: {
    include: ['tests/e2e-firefox/**/*.e2e.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
