import type { SandboxSystem } from '../framework/sandbox-system.js'
import { stripeConformanceKit } from './conformance.js'
import { stripeDatasetSchema, type StripeDataset } from './dataset-schema.js'
import { startStripeSandbox, type StripeSandbox } from './server.js'

/** Public on purpose: the sandbox holds generated data only; a test-mode key needs no setup. */
export const STRIPE_SANDBOX_API_KEY = 'sk_test_cs360Sandbox4eC7a1d9B2f0Key'

export const stripeSandboxSystem: SandboxSystem<StripeDataset, StripeSandbox> = {
  system: 'stripe',
  portOffset: 3,
  datasetSchema: stripeDatasetSchema,
  start: (dataset, { port, tuning }) =>
    startStripeSandbox({
      dataset,
      apiKey: STRIPE_SANDBOX_API_KEY,
      port,
      rateLimitTimeScale: tuning.rateLimitTimeScale,
      rateLimits: tuning.rateLimits,
    }),
  env: (server) => ({ STRIPE_API_KEY: server.apiKey, STRIPE_API_BASE: server.url }),
  configYaml: (server) => `  stripe:
    apiKey: \${STRIPE_API_KEY}
    apiBase: \${STRIPE_API_BASE:-${server.url}}
`,
  describe: (server) => [
    `secret key ${server.apiKey} (test mode: 25 requests a second, events kept 30 days)`,
    `point a config at it with STRIPE_API_BASE=${server.url}`,
  ],
  conformance: stripeConformanceKit,
}
