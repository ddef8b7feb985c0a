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
    writeBack:
      fields:
        healthScore: CS360_Health_Score__c
        healthBand: CS360_Health_Band__c
        arr: CS360_ARR__c
        nextRenewalDate: CS360_Next_Renewal__c
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
