import { describe, expect, it } from 'vitest'
import { Secret } from '../../config/secret.js'
import type { TargetRow } from '../../db/load-target.js'
import { testAccount, testId } from '../../sandbox/stripe/test-account.js'
import { stripeConfigSchema } from './config.js'
import { mapCustomer } from './mapping-customer.js'
import { mapEvent } from './mapping-event.js'
import { mapInvoice } from './mapping-invoice.js'
import { mapSubscription } from './mapping-subscription.js'
import type { PageContext } from './page-context.js'

const config = stripeConfigSchema.parse({ apiKey: new Secret('STRIPE_API_KEY', 'rk_test_abc') })
const AT = Date.parse('2026-11-15T12:00:00Z') / 1000
const account = testAccount({ customers: 1, start: AT - 40 * 86_400 })
const customer = account.customers[0]!
const subscription = account.subscriptions[0]!
const invoice = account.invoices[0]!
const context: PageContext = {
  observedAt: AT,
  coupons: new Map(),
  lines: new Map(),
  subscriptions: new Map(),
}

const rowsOf = (mapped: { ok: boolean; rows?: TargetRow[] }) =>
  Object.fromEntries((mapped.rows ?? []).map((r) => [r.table, r.row as Record<string, unknown>]))

describe('Stripe customer mapping', () => {
  it('links by the CRM id and domain metadata and the billing e-mail domain', () => {
    const row = rowsOf(
      mapCustomer({ ...customer, email: 'Ap@Billing.Customer1.example' }, config, { at: AT }),
    ).source_accounts!
    expect(row).toMatchObject({
      source: 'stripe',
      source_id: testId('cus', 1),
      crm_account_ids: ['001T00000000000001'],
      domains: ['customer1.example', 'billing.customer1.example'],
      source_updated_at: '2026-11-15T12:00:00.000Z',
      deleted_at: null,
    })
  })

  it('leaves out free-mail domains and reads the configured metadata keys', () => {
    const custom = stripeConfigSchema.parse({
      apiKey: new Secret('K', 'sk_test_1'),
      identity: { crmAccountIdMetadataKey: 'sfdc_id', domainMetadataKey: 'website' },
    })
    const row = rowsOf(
      mapCustomer(
        {
          ...customer,
          email: 'jane@gmail.com',
          metadata: { sfdc_id: '001X', website: 'https://www.acme.io/' },
        },
        custom,
        { at: AT },
      ),
    ).source_accounts!
    expect(row).toMatchObject({ crm_account_ids: ['001X'], domains: ['acme.io'] })
  })

  it('keeps fields it does not model in extra', () => {
    const row = rowsOf(
      mapCustomer({ ...customer, tax_wizard: { mode: 'auto' } }, config, { at: AT }),
    ).source_accounts!
    expect(JSON.parse(String(row.extra))).toMatchObject({
      tax_wizard: { mode: 'auto' },
      metadata: customer.metadata,
    })
  })

  it('quarantines a customer with a broken field, naming it', () => {
    expect(mapCustomer({ ...customer, created: 'yesterday' }, config, { at: AT })).toEqual({
      ok: false,
      sourceId: testId('cus', 1),
      reason: 'created: Invalid input: expected number, received string',
    })
  })
})

describe('Stripe subscription and invoice mapping', () => {
  it('takes the billing period from the items, or from the subscription in older versions', () => {
    const current = rowsOf(mapSubscription(subscription, { at: AT }, new Map()))
    const item = subscription.items.data[0] as unknown as { current_period_end: number }
    expect(current.billing_subscriptions).toMatchObject({
      mrr: 88,
      seats: 2,
      current_period_end: new Date(item.current_period_end * 1000).toISOString(),
    })
    expect(current.billing_mrr_monthly).toMatchObject({ month: '2026-11-01', mrr: 88, seats: 2 })
    const itemWithout = { ...(subscription.items.data[0] as Record<string, unknown>) }
    delete itemWithout.current_period_start
    delete itemWithout.current_period_end
    const old = rowsOf(
      mapSubscription(
        {
          ...subscription,
          current_period_start: 1_790_000_000,
          current_period_end: 1_792_592_000,
          items: { object: 'list', data: [itemWithout] },
        },
        { at: AT },
        new Map(),
      ),
    )
    expect(old.billing_subscriptions).toMatchObject({
      current_period_end: new Date(1_792_592_000_000).toISOString(),
    })
  })

  it('lands invoice amounts in currency units with the subscription of either version', () => {
    const row = rowsOf(mapInvoice(invoice, { at: AT })).billing_invoices!
    expect(row).toMatchObject({
      subscription_source_id: testId('sub', 1),
      amount_due: 88,
      amount_paid: 88,
      amount_remaining: 0,
      attempt_count: 1,
      paid_at: new Date((invoice.created + 60) * 1000).toISOString(),
      period_start: new Date(invoice.created * 1000).toISOString(),
    })
    const old = { ...(invoice as Record<string, unknown>) }
    delete old.parent
    expect(rowsOf(mapInvoice(old, { at: AT })).billing_invoices).toMatchObject({
      subscription_source_id: testId('sub', 1),
    })
  })
})

describe('Stripe event mapping', () => {
  const event = (type: string, object: unknown) => ({
    id: 'evt_1Test',
    object: 'event',
    type,
    created: AT,
    api_version: '2026-10-28.endive',
    data: { object },
  })

  it("lands the carried object as of the event's time", () => {
    const mapped = mapEvent(event('customer.subscription.updated', subscription), config, context)
    expect(rowsOf(mapped).billing_subscriptions).toMatchObject({
      source_id: testId('sub', 1),
      source_updated_at: '2026-11-15T12:00:00.000Z',
    })
  })

  it('marks deleted customers and invoices deleted', () => {
    expect(
      rowsOf(mapEvent(event('customer.deleted', customer), config, context)).source_accounts,
    ).toMatchObject({ deleted_at: '2026-11-15T12:00:00.000Z' })
    expect(
      rowsOf(mapEvent(event('invoice.deleted', invoice), config, context)).billing_invoices,
    ).toMatchObject({ deleted_at: '2026-11-15T12:00:00.000Z' })
  })

  it('maps a subscription from the fresh copy read fetched when the payload had discounts', () => {
    const fresh = {
      ...subscription,
      items: { ...subscription.items, data: [{ ...subscription.items.data[0]!, quantity: 30 }] },
    }
    const withFresh = {
      ...context,
      subscriptions: new Map([[subscription.id, { record: fresh, at: AT + 5 }]]),
    }
    const mapped = mapEvent(event('customer.subscription.updated', subscription), config, withFresh)
    expect(rowsOf(mapped).billing_subscriptions).toMatchObject({ seats: 30, mrr: 1320 })
  })

  it('quarantines a broken payload under the object id, naming the field inside data.object', () => {
    expect(
      mapEvent(event('invoice.paid', { ...invoice, amount_due: '12.00' }), config, context),
    ).toEqual({
      ok: false,
      sourceId: invoice.id,
      reason: 'data.object.amount_due: Invalid input: expected number, received string',
    })
  })
})
