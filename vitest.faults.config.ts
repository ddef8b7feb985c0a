import { defineConfig } from 'vitest/config'

// `npm run test:faults`: each case injects one fault into a real run (real PostgreSQL, a real
// Temporal server, the sandboxes) and records its outcome; the closing table prints one line per
// case with the records lost and the duplicate writes, both of which must be 0.
export default defineConfig({
  test: {
    name: 'faults',
    include: ['test/faults/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts', 'test/faults/summary-setup.ts'],
    testTimeout: 300_000,
    hookTimeout: 300_000,
    fileParallelism: false,
  },
})
