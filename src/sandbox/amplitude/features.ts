import type { Random } from '../dataset/random.js'

/**
 * The product's event types, most used first: `Dashboard Viewed` opens every session, and
 * healthier accounts reach further down the list. Each comes with the event properties the
 * product sends with it, drawn when the server expands a planned day into events.
 */
export const FEATURES: readonly (readonly [string, (r: Random) => Record<string, unknown>])[] = [
  [
    'Dashboard Viewed',
    (r) => ({ dashboard: r.pick(['Overview', 'Renewals', 'Pipeline', 'Team']) }),
  ],
  ['Search Performed', (r) => ({ results: r.int(0, 40) })],
  ['Report Created', (r) => ({ report_type: r.pick(['table', 'chart', 'funnel']) })],
  ['Report Exported', (r) => ({ format: r.pick(['csv', 'pdf', 'xlsx']) })],
  ['Comment Added', () => ({})],
  ['Alert Configured', (r) => ({ channel: r.pick(['email', 'slack']) })],
  ['Workflow Run', (r) => ({ trigger: r.pick(['manual', 'schedule']) })],
  ['Integration Synced', (r) => ({ integration: r.pick(['salesforce', 'hubspot', 'slack']) })],
  ['Teammate Invited', (r) => ({ role: r.pick(['member', 'admin']) })],
  ['API Key Created', () => ({})],
]

export const FEATURE_NAMES: readonly string[] = FEATURES.map(([name]) => name)

const PROPERTIES = new Map(FEATURES)

/** Event properties of one event; event types the product does not describe carry none. */
export function featureProperties(eventType: string, random: Random): Record<string, unknown> {
  return PROPERTIES.get(eventType)?.(random) ?? {}
}
