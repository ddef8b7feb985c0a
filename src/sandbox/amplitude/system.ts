import type { SandboxSystem } from '../framework/sandbox-system.js'
import { amplitudeConformance } from './conformance.js'
import { amplitudeDatasetSchema, type AmplitudeDataset } from './dataset-schema.js'
import { startAmplitudeSandbox, type AmplitudeSandbox } from './server.js'

/** Public on purpose: the sandbox holds generated data only, and a fixed pair needs no setup. */
export const AMPLITUDE_SANDBOX_CREDENTIALS = {
  apiKey: 'cs360-sandbox-amplitude-api-key',
  secretKey: 'cs360-sandbox-amplitude-secret-key',
} as const

export const amplitudeSandboxSystem: SandboxSystem<AmplitudeDataset, AmplitudeSandbox> = {
  system: 'amplitude',
  portOffset: 4,
  datasetSchema: amplitudeDatasetSchema,
  start: (dataset, { port, tuning }) =>
    startAmplitudeSandbox({
      dataset,
      credentials: AMPLITUDE_SANDBOX_CREDENTIALS,
      port,
      rateLimitTimeScale: tuning.rateLimitTimeScale,
      exportRateLimit: tuning.rateLimits === false ? false : undefined,
    }),
  env: (server) => ({
    AMPLITUDE_URL: server.url,
    AMPLITUDE_API_KEY: AMPLITUDE_SANDBOX_CREDENTIALS.apiKey,
    AMPLITUDE_SECRET_KEY: AMPLITUDE_SANDBOX_CREDENTIALS.secretKey,
  }),
  configYaml: (server) => `  amplitude:
    url: \${AMPLITUDE_URL:-${server.url}}
    apiKey: \${AMPLITUDE_API_KEY}
    secretKey: \${AMPLITUDE_SECRET_KEY}
    accountKey:
      groupType: company
    accountKeyHolds: domain
${
  server.historyFrom
    ? `    startDate: ${server.historyFrom} # the project's first day: every company's group is named
`
    : ''
}`,
  describe: (server) => [
    `API key ${AMPLITUDE_SANDBOX_CREDENTIALS.apiKey}, secret key ${AMPLITUDE_SANDBOX_CREDENTIALS.secretKey}`,
    `HTTP V2 at ${server.url}/2/httpapi (analytics-node: serverUrl), Export API at ${server.url}/api/2/export`,
    `point a config at it with AMPLITUDE_URL=${server.url}`,
  ],
  conformance: amplitudeConformance,
}
