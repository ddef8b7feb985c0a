import { SANDBOX_CREDENTIALS } from './sandbox-credentials.js'

/** Environment the sandbox config's credential references resolve against. */
export const SANDBOX_ENV = {
  SALESFORCE_CLIENT_ID: SANDBOX_CREDENTIALS.salesforce.clientId,
  SALESFORCE_CLIENT_SECRET: SANDBOX_CREDENTIALS.salesforce.clientSecret,
}

/**
 * A cs360 config pointing at a sandbox Salesforce, writing all four outputs onto the generated
 * org's CS360_* fields. `connectorExtra` adds lines under `connectors.salesforce` (indented 4).
 */
export function sandboxConfigYaml(loginUrl: string, connectorExtra = ''): string {
  return `version: 1
connectors:
  salesforce:
    loginUrl: \${SALESFORCE_LOGIN_URL:-${loginUrl}}
${connectorExtra}    auth:
      flow: client_credentials
      clientId: \${SALESFORCE_CLIENT_ID}
      clientSecret: \${SALESFORCE_CLIENT_SECRET}
    writeBack:
      fields:
        healthScore: CS360_Health_Score__c
        healthBand: CS360_Health_Band__c
        arr: CS360_ARR__c
        nextRenewalDate: CS360_Next_Renewal__c
`
}
