import type { SandboxSystem } from '../framework/sandbox-system.js'
import type { ZendeskSandboxCredentials } from './auth.js'
import { zendeskConformance } from './conformance.js'
import { zendeskDatasetSchema, type ZendeskDataset } from './dataset-schema.js'
import { startZendeskSandbox, type ZendeskSandbox } from './server.js'

/** Public on purpose: the sandbox holds generated data only, and fixed values need no setup. */
export const ZENDESK_SANDBOX_CREDENTIALS: ZendeskSandboxCredentials = {
  email: 'cs360-sandbox@cs360-demo.example',
  apiToken: 'cs360-sandbox-zendesk-api-token',
  oauthToken: 'cs360-sandbox-zendesk-oauth-token',
}

const MINUTE_MS = 60_000

export const zendeskSandboxSystem: SandboxSystem<ZendeskDataset, ZendeskSandbox> = {
  system: 'zendesk',
  portOffset: 2,
  datasetSchema: zendeskDatasetSchema,
  start: (dataset, { port, tuning }) =>
    startZendeskSandbox({ dataset, credentials: ZENDESK_SANDBOX_CREDENTIALS, port, tuning }),
  env: (server) => ({
    ZENDESK_URL: server.url,
    ZENDESK_EMAIL: ZENDESK_SANDBOX_CREDENTIALS.email,
    ZENDESK_API_TOKEN: ZENDESK_SANDBOX_CREDENTIALS.apiToken,
  }),
  // A sandbox with shrunk rate windows gets a config pacing to the same window.
  configYaml: (server) => {
    const windowMs = server.limiters.incremental.windowMs
    return `  zendesk:
    url: \${ZENDESK_URL:-${server.url}}
    auth:
      type: api_token
      email: \${ZENDESK_EMAIL}
      apiToken: \${ZENDESK_API_TOKEN}
${windowMs === MINUTE_MS ? '' : `    rateLimitWindowMs: ${Math.max(10, Math.round(windowMs))}\n`}`
  },
  describe: (server) => [
    `API token: email ${ZENDESK_SANDBOX_CREDENTIALS.email}, token ${ZENDESK_SANDBOX_CREDENTIALS.apiToken}; OAuth token ${ZENDESK_SANDBOX_CREDENTIALS.oauthToken}`,
    `point a config at it with ZENDESK_URL=${server.url}`,
  ],
  conformance: zendeskConformance,
}
