import type { ConnectorManifest } from '../types.js'
import { stripeConfigSchema, type StripeConfig } from './config.js'

/**
 * Stripe as a billing source: customers, subscriptions (with MRR), invoices and the events feed
 * that keeps them current. See docs/connectors/stripe.md for the restricted key it needs.
 */
export const stripeManifest: ConnectorManifest<StripeConfig> = {
  id: 'stripe',
  role: 'source',
  feeds: ['billing'],
  configSchema: stripeConfigSchema,
  load: async () => (await import('./connector.js')).stripeConnector,
}
