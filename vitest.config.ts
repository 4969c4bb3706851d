// One test runner for unit, integration and e2e tests; integration tests start real infrastructure.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['**/node_modules/**', '.longhaul/**'],
    globalSetup: ['./libs/testing/src/postgres-global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    minWorkers: 1,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ['default', './libs/testing/src/summary-reporter.ts'],
  },
});
