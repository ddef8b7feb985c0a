import { BILLING_EVENT_TYPES } from '../../connectors/stripe/event-types.js'
import type { ConformanceKit } from '../framework/conformance-kit.js'
import { rateLimited } from './errors.js'
import type { StripeSandbox } from './server.js'
import type { StripeRecord } from './store.js'
import { testAccount } from './test-account.js'

const DAY = 86_400
const KIND = {
  customers: 'customer',
  subscriptions: 'subscription',
  invoices: 'invoice',
  events: 'event',
} as const

const live = (server: StripeSandbox, stream: string) =>
  server.store.ordered(KIND[stream as keyof typeof KIND]).filter((e) => !e.deleted)

/** The newest event, i.e. the one the last change recorded. */
const newestEvent = (server: StripeSandbox) => server.store.ordered('event')[0]!.record.id

/**
 * The Stripe sandbox for the connector conformance suite: twelve customers, subscriptions and
 * invoices created over the last 20 days, read four to a page, and their creation events. Stripe
 * reports changes and deletions through its events feed, so they show in the `events` stream;
 * the list streams read everything only on their first run and every `reconcileEvery`. A broken
 * object is quarantined under its own id by whichever stream reads it.
 */
export const stripeConformanceKit: ConformanceKit<StripeSandbox> = {
  section: () => testAccount({ customers: 12, start: Math.floor(Date.now() / 1000) - 20 * DAY }),
  configExtra: '    pageSize: 4',
  sourceIds: (server, stream) =>
    live(server, stream)
      .filter((e) => stream !== 'events' || BILLING_EVENT_TYPES.includes(String(e.record.type)))
      .map((e) => e.record.id),
  idOf: (_stream, raw) => String((raw as { id: unknown }).id),
  change: (server) => {
    const customer = live(server, 'customers')[0]!.record
    server.updateCustomer(customer.id, { name: `${String(customer.name)} (renamed)` })
    return { stream: 'events', id: newestEvent(server) }
  },
  remove: (server) => {
    // Deleting a customer first ends its subscriptions (their own events); customer.deleted is last.
    server.deleteCustomer(live(server, 'customers').at(-1)!.record.id)
    return { stream: 'events', id: newestEvent(server) }
  },
  rateLimitNext: (server) =>
    server.faults.failNext({
      status: 429,
      count: 1,
      body: rateLimited({}).body,
      headers: { 'Stripe-Should-Retry': 'false' },
    }),
  expireTokens: () => false,
  badCredentials: (env) => ({ ...env, STRIPE_API_KEY: `sk_test_${'0'.repeat(24)}` }),
  drift: (server) => {
    const template = live(server, 'customers')[0]!.record
    const copy = (id: string, fields: Record<string, unknown>): StripeRecord => ({
      ...structuredClone(template),
      id,
      created: server.store.now(),
      ...fields,
    })
    const kept = copy('cus_driftKept', { cs360_unknown_field: { introduced: '2026-11' } })
    const broken = copy('cus_driftBroken', { created: 'yesterday' })
    server.add('customer', kept)
    server.add('customer', broken)
    return {
      stream: 'events',
      unknownField: 'cs360_unknown_field',
      keptId: kept.id,
      brokenId: broken.id,
    }
  },
}
