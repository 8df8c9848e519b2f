// Browser tests (tests/e2e): Node drives Debian's Chromium through playwright-core against the
// built dist/. One file at a time, one worker: the machine has 2 cores and Chromium is heavy.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: false,
    maxWorkers: 1,
    sequence: { concurrent: false },
  },
});
