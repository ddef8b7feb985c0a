import type { Connector } from '../types.js'
import { salesforceConnection } from './client.js'
import type { SalesforceConfig } from './config.js'
import { classifySalesforceError } from './errors.js'
import { accountsStream, opportunitiesStream, usersStream } from './streams.js'
import { salesforceWriteBack } from './writeback.js'

/** The Salesforce implementation behind ./manifest.ts: jsforce streams and write-back. */
export const salesforceConnector: Connector<SalesforceConfig> = {
  async check(ctx) {
    try {
      const conn = await salesforceConnection(ctx)
      const account = await conn.sobject('Account').describe()
      const missing = Object.values(
        ctx.config.writeBack.enabled ? ctx.config.writeBack.fields : {},
      ).filter((field) => !account.fields.some((f) => f.name === field && f.updateable))
      const opportunity = await conn.sobject('Opportunity').describe()
      const { contractStartField, contractEndField } = ctx.config.opportunities
      const missingOpp = [contractStartField, contractEndField].filter(
        (field) => !opportunity.fields.some((f) => f.name === field),
      )
      const problems = [
        ...missing.map(
          (f) =>
            `connectors.salesforce.writeBack.fields: Account.${f} does not exist or is not updateable; create it (Setup → Object Manager → Account → Fields) or change the mapping`,
        ),
        ...missingOpp.map(
          (f) =>
            `connectors.salesforce.opportunities: Opportunity.${f} does not exist; set contractStartField/contractEndField to the org's contract date fields`,
        ),
      ]
      if (problems.length > 0) return { ok: false, detail: problems.join('\n') }
      return { ok: true, detail: `connected to ${conn.instanceUrl} (API v${conn.version})` }
    } catch (error) {
      throw classifySalesforceError(error, 'checking the connection')
    }
  },
  streams: [usersStream, accountsStream, opportunitiesStream],
  writeBack: salesforceWriteBack,
}
