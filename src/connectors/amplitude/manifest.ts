import type { ConnectorManifest } from '../types.js'
import { amplitudeConfigSchema, type AmplitudeConfig } from './config.js'

/**
 * Amplitude as a product-usage source: the Export API's events, summed per customer account and
 * day into usage_daily, and its in-app survey answers (NPS, CSAT, CES) into survey_responses.
 * See docs/connectors/amplitude.md for keys, the account key options and the survey events.
 */
export const amplitudeManifest: ConnectorManifest<AmplitudeConfig> = {
  id: 'amplitude',
  role: 'source',
  feeds: ['usage', 'surveys'],
  configSchema: amplitudeConfigSchema,
  load: async () => (await import('./connector.js')).amplitudeConnector,
}
