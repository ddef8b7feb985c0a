import { defineConfig } from 'vitest/config'

// Two projects: pure-logic unit tests next to the code, and integration/e2e tests under test/
// that share one Postgres and one Temporal dev server started by test/global-setup.ts. The fault
// suite (test/faults, `npm run test:faults`) has a config of its own: vitest.faults.config.ts.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'bench/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts'],
          exclude: ['test/faults/**'],
          globalSetup: ['test/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
})
