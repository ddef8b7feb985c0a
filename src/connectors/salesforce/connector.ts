import type { Connector } from '../types.js'
import { connectionIdentity, salesforceConnection } from './client.js'
import { isDefaultList, unmatchedTypeWarnings } from '../unmatched-types.js'
import { DEFAULT_EXPANSION_TYPES, DEFAULT_RENEWAL_TYPES, type SalesforceConfig } from './config.js'
import { classifySalesforceError } from './errors.js'
import { liveIdsOf } from './live-ids.js'
import { accountsStream, opportunitiesStream, usersStream } from './streams.js'
import { salesforceWriteBack } from './writeback.js'

/** The Opportunity.Type values at least one opportunity carries (one aggregate query). */
async function opportunityTypesSeen(
  conn: Awaited<ReturnType<typeof salesforceConnection>>,
): Promise<string[]> {
  const result = await conn.query<{ Type: string | null }>(
    'SELECT Type, COUNT(Id) FROM Opportunity GROUP BY Type',
  )
  return result.records.flatMap((r) => (r.Type ? [r.Type] : []))
}

function opportunityTypeWarnings(config: SalesforceConfig, seen: string[]): string[] {
  const { renewalTypes, expansionTypes } = config.opportunities
  const path = 'connectors.salesforce.opportunities'
  const field = 'Opportunity Type'
  return [
    ...unmatchedTypeWarnings({
      path: `${path}.renewalTypes`,
      field,
      configured: renewalTypes,
      isDefault: isDefaultList(renewalTypes, DEFAULT_RENEWAL_TYPES),
      seen,
    }),
    ...unmatchedTypeWarnings({
      path: `${path}.expansionTypes`,
      field,
      configured: expansionTypes,
      isDefault: isDefaultList(expansionTypes, DEFAULT_EXPANSION_TYPES),
      seen,
    }),
  ]
}

/** The Salesforce implementation behind ./manifest.ts: jsforce streams and write-back. */
export const salesforceConnector: Connector<SalesforceConfig> = {
  async check(ctx) {
    try {
      const conn = await salesforceConnection(ctx)
      // Write-back fields are checked for every CRM alike (activities/write-back-fields.ts).
      const opportunity = await conn.sobject('Opportunity').describe()
      const { contractStartField, contractEndField } = ctx.config.opportunities
      const missingOpp = [contractStartField, contractEndField].filter(
        (field) => !opportunity.fields.some((f) => f.name === field),
      )
      const problems = [
        ...missingOpp.map(
          (f) =>
            `connectors.salesforce.opportunities: Opportunity.${f} does not exist; set contractStartField/contractEndField to the org's contract date fields`,
        ),
      ]
      if (problems.length > 0) return { ok: false, detail: problems.join('\n') }
      return {
        ok: true,
        detail: `connected to ${conn.instanceUrl} (API v${conn.version})`,
        warnings: opportunityTypeWarnings(ctx.config, await opportunityTypesSeen(conn)),
      }
    } catch (error) {
      throw classifySalesforceError(error, 'checking the connection')
    }
  },
  streams: [usersStream, accountsStream, opportunitiesStream],
  writeBack: salesforceWriteBack,
  csmHealthField: (config) => config.csmHealthField,
  async sourceAccount(ctx) {
    try {
      const identity = connectionIdentity(await salesforceConnection(ctx))
      if (!identity) throw new Error('the token response named no identity URL')
      return { id: identity.orgId }
    } catch (error) {
      throw classifySalesforceError(error, 'reading which org the credentials reach')
    }
  },
  liveIds: {
    User: liveIdsOf('User'),
    Account: liveIdsOf('Account'),
    Opportunity: liveIdsOf('Opportunity'),
  },
}
