import type { HubspotSandbox } from './hubspot/server.js'
import type { SalesforceSandbox } from './salesforce/server.js'
import type { RunningSandbox } from './start-sandbox.js'
import type { StripeSandbox } from './stripe/server.js'
import type { ZendeskSandbox } from './zendesk/server.js'

/** Records changed per system and object, e.g. `{ salesforce: { Account: 20, Opportunity: 58 } }`. */
export type ChangedRecords = Record<string, Record<string, number>>

/**
 * Activity between two syncs: `fraction` of the live records of every object cs360 syncs, in
 * every running system, changed as people change them through each API, so each system moves
 * its own modified stamps (SystemModstamp, hs_lastmodifieddate, updated_at and
 * generated_timestamp, a Stripe `*.updated` event) exactly as it does for any other change.
 * The records are spread evenly over each object's id order, and `mark` goes into a free-text
 * field, so the changes leave every figure cs360 scores on as it was.
 *
 * Amplitude is left out: its events never change, and new ones reach the Export API only once
 * their upload hour has closed, not within a benchmark's run.
 */
export function changeRecords(
  sandbox: RunningSandbox,
  fraction: number,
  mark: string,
): ChangedRecords {
  if (!(fraction > 0 && fraction <= 1)) throw new Error(`fraction: ${fraction} is not in (0, 1]`)
  const changed: ChangedRecords = {}
  const salesforce = sandbox.server<SalesforceSandbox>('salesforce')
  if (salesforce) {
    changed.salesforce = {}
    for (const object of ['Account', 'Opportunity']) {
      const picked = spread(
        salesforce.records(object).map((r) => r.Id as string),
        fraction,
      )
      for (const id of picked) salesforce.update(object, id, { Description: mark })
      changed.salesforce[object] = picked.length
    }
  }
  const hubspot = sandbox.server<HubspotSandbox>('hubspot')
  if (hubspot) {
    changed.hubspot = {}
    for (const type of ['companies', 'deals'] as const) {
      const picked = spread(
        hubspot.records(type).map((r) => r.id),
        fraction,
      )
      for (const id of picked) hubspot.change(type, id, { description: mark })
      changed.hubspot[type] = picked.length
    }
  }
  const zendesk = sandbox.server<ZendeskSandbox>('zendesk')
  if (zendesk) {
    const { store } = zendesk
    const organizations = spread(
      store
        .list(store.organizations)
        .filter((o) => !o.deleted_at)
        .map((o) => o.id),
      fraction,
    )
    for (const id of organizations) zendesk.updateOrganization(id, { notes: mark })
    const tickets = spread(
      store
        .list(store.tickets)
        .filter((t) => t.status !== 'deleted')
        .map((t) => t.id),
      fraction,
    )
    for (const id of tickets) zendesk.updateTicket(id, { subject: mark })
    const ratings = spread(
      store.list(store.ratings).map((r) => r.id),
      fraction,
    )
    for (const id of ratings) zendesk.updateRating(id, { comment: mark })
    changed.zendesk = {
      organizations: organizations.length,
      tickets: tickets.length,
      satisfaction_ratings: ratings.length,
    }
  }
  const stripe = sandbox.server<StripeSandbox>('stripe')
  if (stripe) {
    const live = (kind: 'customer' | 'subscription' | 'invoice') =>
      stripe.store
        .ordered(kind)
        .filter((e) => !e.deleted)
        .map((e) => e.record.id as string)
        .reverse()
    const customers = spread(live('customer'), fraction)
    for (const id of customers) stripe.updateCustomer(id, { metadata: { cs360_bench: mark } })
    const subscriptions = spread(live('subscription'), fraction)
    for (const id of subscriptions)
      stripe.updateSubscription(id, { metadata: { cs360_bench: mark } })
    const invoices = spread(live('invoice'), fraction)
    for (const id of invoices) stripe.updateInvoice(id, { metadata: { cs360_bench: mark } })
    changed.stripe = {
      customers: customers.length,
      subscriptions: subscriptions.length,
      invoices: invoices.length,
    }
  }
  return changed
}

/** ⌈n × fraction⌉ of `ids`, evenly spaced from the first. */
export function spread<T>(ids: readonly T[], fraction: number): T[] {
  const count = Math.min(ids.length, Math.ceil(ids.length * fraction))
  return Array.from({ length: count }, (_, i) => ids[Math.floor((i * ids.length) / count)]!)
}
