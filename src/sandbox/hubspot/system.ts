import type { SandboxSystem } from '../framework/sandbox-system.js'
import { hubspotConformanceKit } from './conformance-kit.js'
import { hubspotDatasetSchema, type HubspotDataset } from './dataset-schema.js'
import { HUBSPOT_SANDBOX_CREDENTIALS, PORTAL } from './portal.js'
import { startHubspotSandbox, type HubspotSandbox } from './server.js'

export { HUBSPOT_SANDBOX_CREDENTIALS }

/** HubSpot's search index shows a write a few seconds after it. */
const SEARCH_DELAY_MS = 3_000

export const hubspotSandboxSystem: SandboxSystem<HubspotDataset, HubspotSandbox> = {
  system: 'hubspot',
  portOffset: 1,
  datasetSchema: hubspotDatasetSchema,
  start: (dataset, { port, tuning }) =>
    startHubspotSandbox({
      dataset,
      port,
      tokenTtlSeconds: tuning.tokenTtlSeconds,
      dailyApiLimit: tuning.dailyApiLimit,
      rateLimits: tuning.rateLimits,
      rateLimitTimeScale: tuning.rateLimitTimeScale,
      // The index delay is a time window like the rate limits': the same scale shrinks it.
      searchDelayMs: Math.round(SEARCH_DELAY_MS * (tuning.rateLimitTimeScale ?? 1)),
    }),
  env: (server) => ({
    HUBSPOT_BASE_URL: server.url,
    HUBSPOT_ACCESS_TOKEN: HUBSPOT_SANDBOX_CREDENTIALS.accessToken,
    HUBSPOT_CLIENT_ID: HUBSPOT_SANDBOX_CREDENTIALS.clientId,
    HUBSPOT_CLIENT_SECRET: HUBSPOT_SANDBOX_CREDENTIALS.clientSecret,
    HUBSPOT_REFRESH_TOKEN: HUBSPOT_SANDBOX_CREDENTIALS.refreshToken,
  }),
  configYaml: (server) => `  hubspot:
    baseUrl: \${HUBSPOT_BASE_URL:-${server.url}}
    auth:
      type: private_app
      accessToken: \${HUBSPOT_ACCESS_TOKEN}
    # Where CSMs keep their own view of health: read beside the score, never written.
    csmHealthField: cs360_csm_health
    writeBack:
      fields:
        healthScore: cs360_health_score
        healthBand: cs360_health_band
        arr: cs360_arr
        nextRenewalDate: cs360_next_renewal
        healthStatus: cs360_health_status
        renewalForecastArr: cs360_renewal_forecast_arr
        renewalRisk: cs360_renewal_risk
        expansionPipelineArr: cs360_expansion_pipeline_arr
        healthTrend: cs360_health_trend
        healthDrivers: cs360_health_drivers
        segmentTier: cs360_segment_tier
        lifecycleStage: cs360_lifecycle_stage
        nextPlay: cs360_next_play
        nextPlayPriority: cs360_next_play_priority
        configVersion: cs360_config_version
        computedAt: cs360_computed_at
`,
  describe: (server) => [
    `portal ${PORTAL.id}; private app token ${HUBSPOT_SANDBOX_CREDENTIALS.accessToken}`,
    `OAuth: client id ${HUBSPOT_SANDBOX_CREDENTIALS.clientId}, client secret ${HUBSPOT_SANDBOX_CREDENTIALS.clientSecret}, refresh token ${HUBSPOT_SANDBOX_CREDENTIALS.refreshToken}`,
    `point a config at it with HUBSPOT_BASE_URL=${server.url}`,
  ],
  conformance: hubspotConformanceKit,
  writeBackShowcase: (server) => ({
    summary: `HubSpot companies now carrying cs360_health_score: ${
      server.records('companies').filter((c) => (c.properties.cs360_health_score ?? null) !== null)
        .length
    }`,
    lookHere: `${server.url}/crm/v3/objects/companies?properties=name,cs360_health_score,cs360_health_band (Authorization: Bearer ${HUBSPOT_SANDBOX_CREDENTIALS.accessToken})`,
  }),
}
