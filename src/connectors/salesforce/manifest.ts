import type { ConnectorManifest } from '../types.js'
import { salesforceConfigSchema, type SalesforceConfig } from './config.js'

/**
 * Salesforce as cs360's CRM: owners, accounts and opportunities in; health and renewal fields
 * out onto Account. See docs/connectors/salesforce.md for the connected-app setup.
 */
export const salesforceManifest: ConnectorManifest<SalesforceConfig> = {
  id: 'salesforce',
  role: 'crm',
  feeds: ['crm'],
  configSchema: salesforceConfigSchema,
  load: async () => (await import('./connector.js')).salesforceConnector,
}
