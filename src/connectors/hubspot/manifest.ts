import type { ConnectorManifest } from '../types.js'
import { hubspotConfigSchema, type HubspotConfig } from './config.js'

/**
 * HubSpot as cs360's CRM: owners, companies and deals in; health and renewal properties out
 * onto companies. See docs/connectors/hubspot.md for the private-app or OAuth-app setup.
 */
export const hubspotManifest: ConnectorManifest<HubspotConfig> = {
  id: 'hubspot',
  role: 'crm',
  feeds: ['crm'],
  configSchema: hubspotConfigSchema,
  load: async () => (await import('./connector.js')).hubspotConnector,
}
