import { defineConfig } from 'vitest/config';

// One runner for every suite. Browser (Playwright) suites live in tests/e2e and start their own
// server; the long fault-injection and fuzz runs live in tests/stress and only run with STRESS=1.
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: process.env.STRESS ? [] : ['tests/stress/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    reporters: ['default'],
  },
});
