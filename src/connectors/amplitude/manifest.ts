import type { ConnectorManifest } from '../types.js'
import { amplitudeConfigSchema, type AmplitudeConfig } from './config.js'

/**
 * Amplitude as a product-usage source: the Export API's events, summed per customer account and
 * day into usage_daily. See docs/connectors/amplitude.md for keys and the account key options.
 */
export const amplitudeManifest: ConnectorManifest<AmplitudeConfig> = {
  id: 'amplitude',
  role: 'source',
  feeds: ['usage'],
  configSchema: amplitudeConfigSchema,
  load: async () => (await import('./connector.js')).amplitudeConnector,
}
