import type { Connector } from '../types.js'
import { stripeCall } from './client.js'
import type { StripeConfig } from './config.js'
import { customersStream, eventsStream, invoicesStream, subscriptionsStream } from './streams.js'

/**
 * The Stripe implementation behind ./manifest.ts. The events feed runs first so that a first
 * run (or one after a long gap) marks where the feed stands before the list passes read
 * everything: nothing that changes during the passes is missed the run after.
 */
export const stripeConnector: Connector<StripeConfig> = {
  async check(ctx) {
    // https://docs.stripe.com/api/customers/list — the cheapest call the read scopes allow.
    const page = await stripeCall(ctx, 'checking the API key', (s) =>
      s.customers.list({ limit: 1 }),
    )
    const mode = ctx.config.apiKey.reveal().includes('_live_') ? 'live' : 'test'
    return {
      ok: true,
      detail: `connected to ${ctx.config.apiBase} (${mode} mode, API version ${page.lastResponse.apiVersion ?? 'pinned by stripe-node'})`,
    }
  },
  streams: [eventsStream, customersStream, subscriptionsStream, invoicesStream],
}
