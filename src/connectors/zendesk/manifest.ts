import type { ConnectorManifest } from '../types.js'
import { zendeskConfigSchema, type ZendeskConfig } from './config.js'

/**
 * Zendesk Support as a support source: organizations, tickets and CSAT ratings in, nothing
 * written back. See docs/connectors/zendesk.md for the credentials and what is read.
 */
export const zendeskManifest: ConnectorManifest<ZendeskConfig> = {
  id: 'zendesk',
  role: 'source',
  feeds: ['support'],
  configSchema: zendeskConfigSchema,
  load: async () => (await import('./connector.js')).zendeskConnector,
}
