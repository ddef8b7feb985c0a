import type { SandboxSystem } from '../framework/sandbox-system.js'
import { salesforceConformanceKit } from './conformance-kit.js'
import { salesforceDatasetSchema, type SalesforceDataset } from './dataset-schema.js'
import { startSalesforceSandbox, type SalesforceSandbox } from './server.js'

/** Public on purpose: the sandbox holds generated data only, and a fixed pair needs no setup. */
export const SALESFORCE_SANDBOX_CREDENTIALS = {
  clientId: 'cs360-sandbox-client',
  clientSecret: 'cs360-sandbox-secret',
  refreshToken: 'cs360-sandbox-refresh-token',
} as const

export const salesforceSandboxSystem: SandboxSystem<SalesforceDataset, SalesforceSandbox> = {
  system: 'salesforce',
  portOffset: 0,
  datasetSchema: salesforceDatasetSchema,
  start: (dataset, { port, tuning }) =>
    startSalesforceSandbox({
      dataset,
      credentials: SALESFORCE_SANDBOX_CREDENTIALS,
      port,
      tokenTtlSeconds: tuning.tokenTtlSeconds,
      dailyApiLimit: tuning.dailyApiLimit,
    }),
  env: (server) => ({
    SALESFORCE_LOGIN_URL: server.url,
    SALESFORCE_CLIENT_ID: SALESFORCE_SANDBOX_CREDENTIALS.clientId,
    SALESFORCE_CLIENT_SECRET: SALESFORCE_SANDBOX_CREDENTIALS.clientSecret,
  }),
  configYaml: (server) => `  salesforce:
    loginUrl: \${SALESFORCE_LOGIN_URL:-${server.url}}
    auth:
      flow: client_credentials
      clientId: \${SALESFORCE_CLIENT_ID}
      clientSecret: \${SALESFORCE_CLIENT_SECRET}
    # Where CSMs keep their own view of health: read beside the score, never written.
    csmHealthField: CS360_CSM_Health__c
    writeBack:
      fields:
        healthScore: CS360_Health_Score__c
        healthBand: CS360_Health_Band__c
        arr: CS360_ARR__c
        nextRenewalDate: CS360_Next_Renewal__c
        healthStatus: CS360_Health_Status__c
        healthTrend: CS360_Health_Trend__c
        healthDrivers: CS360_Health_Drivers__c
        segmentTier: CS360_Segment__c
        lifecycleStage: CS360_Lifecycle_Stage__c
        nextPlay: CS360_Next_Play__c
        nextPlayPriority: CS360_Next_Play_Priority__c
        renewalForecastArr: CS360_Renewal_Forecast__c
        renewalRisk: CS360_Renewal_Risk__c
        expansionPipelineArr: CS360_Expansion_Pipeline__c
        configVersion: CS360_Config_Version__c
        computedAt: CS360_Computed_At__c
`,
  describe: (server) => [
    `client id ${SALESFORCE_SANDBOX_CREDENTIALS.clientId}, client secret ${SALESFORCE_SANDBOX_CREDENTIALS.clientSecret}, refresh token ${SALESFORCE_SANDBOX_CREDENTIALS.refreshToken}`,
    `point a config at it with SALESFORCE_LOGIN_URL=${server.url}`,
  ],
  conformance: salesforceConformanceKit,
  writeBackShowcase: (server) => ({
    summary: `Salesforce accounts now carrying CS360_Health_Score__c: ${
      server.records('Account').filter((a) => a.CS360_Health_Score__c !== null).length
    }`,
    lookHere: `${server.url}/services/data/v62.0/query?q=SELECT+Name,CS360_Health_Score__c,CS360_Health_Band__c+FROM+Account (token: POST ${server.url}/services/oauth2/token grant_type=client_credentials)`,
  }),
}
