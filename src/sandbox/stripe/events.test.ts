import Stripe from 'stripe'
import { afterEach, describe, expect, it } from 'vitest'
import { sandboxClient } from './sdk-client.js'
import { startStripeSandbox, type StripeSandbox } from './server.js'
import { TEST_API_KEY, testAccount, testId, testInvoice } from './test-account.js'

const DAY_MS = 86_400_000
let sandbox: StripeSandbox | undefined
afterEach(() => sandbox?.close())

/** A sandbox whose clock the test moves; the account's objects are a year old (no seed events). */
async function account(options: { accountApiVersion?: string } = {}) {
  const clock = { now: Date.parse('2026-11-01T12:00:00Z') }
  sandbox = await startStripeSandbox({
    dataset: testAccount({ customers: 4, start: clock.now / 1000 - 365 * 86_400 }),
    apiKey: TEST_API_KEY,
    now: () => clock.now,
    rateLimits: false,
    ...options,
  })
  return { sandbox, stripe: sandboxClient(sandbox), clock }
}

describe('Stripe sandbox events', () => {
  it('records a subscription update with previous_attributes and the request that made it', async () => {
    const { stripe } = await account()
    const updated = await stripe.subscriptions.update(testId('sub', 1), {
      items: [{ id: testId('si', 1), quantity: 12 }],
      metadata: { plan_note: 'grew' },
    })
    expect(updated.items.data[0]!.quantity).toBe(12)
    const [event] = (await stripe.events.list({ limit: 1 })).data
    expect(event).toMatchObject({
      type: 'customer.subscription.updated',
      api_version: '2026-10-28.endive',
      request: { id: updated.lastResponse.requestId },
      data: {
        object: { id: testId('sub', 1), items: { data: [{ quantity: 12 }] } },
        previous_attributes: {
          items: { data: [{ quantity: 2 }] },
          metadata: { plan_note: null },
        },
      },
    })
  })

  it('reports only the changed metadata keys of a customer', async () => {
    const { stripe } = await account()
    await stripe.customers.update(testId('cus', 2), { metadata: { crm_account_id: '001NEW' } })
    const [event] = (await stripe.events.list({ type: 'customer.updated' })).data
    expect(event!.data.previous_attributes).toEqual({
      metadata: { crm_account_id: '001T00000000000002' },
    })
  })

  it('replays an idempotent POST instead of applying it twice', async () => {
    const { stripe } = await account()
    const options = { idempotencyKey: 'rename-3' }
    await stripe.customers.update(testId('cus', 3), { name: 'Renamed' }, options)
    const again = await stripe.customers.update(testId('cus', 3), { name: 'Renamed' }, options)
    expect(again.lastResponse.headers['idempotent-replayed']).toBe('true')
    expect((await stripe.events.list({ type: 'customer.updated' })).data).toHaveLength(1)
    const clash = stripe.customers.update(testId('cus', 3), { name: 'Other' }, options)
    await expect(clash).rejects.toBeInstanceOf(Stripe.errors.StripeIdempotencyError)
  })

  it('deletes a customer: its subscriptions end, it leaves lists and retrieves as deleted', async () => {
    const { stripe } = await account()
    const deleted = await stripe.customers.del(testId('cus', 4))
    expect(deleted).toMatchObject({ id: testId('cus', 4), deleted: true })
    expect((await stripe.customers.retrieve(testId('cus', 4))).deleted).toBe(true)
    const listed = await stripe.customers.list({ limit: 100 })
    expect(listed.data.map((c) => c.id)).not.toContain(testId('cus', 4))
    const sub = await stripe.subscriptions.retrieve(testId('sub', 4))
    expect(sub).toMatchObject({ status: 'canceled', ended_at: expect.any(Number) })
    const events = await stripe.events.list()
    expect(events.data.map((e) => e.type)).toEqual([
      'customer.deleted',
      'customer.subscription.deleted',
    ])
  })

  it('keeps 30 days of events: older ones are neither listed, retrieved nor usable as a cursor', async () => {
    const { sandbox, stripe, clock } = await account()
    sandbox.updateCustomer(testId('cus', 1), { name: 'Long ago' }, { at: clock.now - 40 * DAY_MS })
    sandbox.updateCustomer(testId('cus', 2), { name: 'Recently' }, { at: clock.now - 29 * DAY_MS })
    const listed = await stripe.events.list()
    expect(listed.data.map((e) => e.data.object)).toMatchObject([{ name: 'Recently' }])
    expect((await stripe.customers.retrieve(testId('cus', 1))) as Stripe.Customer).toMatchObject({
      name: 'Long ago',
    })
    const recent = listed.data[0]!.id
    clock.now += 2 * DAY_MS
    expect((await stripe.events.list()).data).toEqual([])
    await expect(stripe.events.retrieve(recent)).rejects.toMatchObject({ statusCode: 404 })
    await expect(stripe.events.list({ ending_before: recent })).rejects.toMatchObject({
      statusCode: 400,
      code: 'resource_missing',
      param: 'ending_before',
    })
  })

  it("renders an event's payload in the account's version at the time, whatever the request asks", async () => {
    const { sandbox, stripe } = await account({ accountApiVersion: '2024-06-20' })
    sandbox.updateSubscription(testId('sub', 1), { quantity: 7 })
    const [event] = (await stripe.events.list()).data
    expect(event!.api_version).toBe('2024-06-20')
    expect(event!.data.object).toHaveProperty('current_period_start')
    expect((event!.data.object as Stripe.Subscription).items.data[0]).not.toHaveProperty(
      'current_period_start',
    )
  })

  it('fails and then pays an invoice: past due, delinquent, then active again', async () => {
    const { sandbox, stripe, clock } = await account()
    const open = testInvoice(
      900,
      testId('cus', 1),
      testId('sub', 1),
      clock.now / 1000 - 3_600,
      8_800,
    )
    sandbox.add('invoice', {
      ...open,
      status: 'open',
      attempt_count: 0,
      amount_paid: 0,
      amount_remaining: 8_800,
    })
    sandbox.failInvoicePayment(open.id)
    expect((await stripe.subscriptions.retrieve(testId('sub', 1))).status).toBe('past_due')
    expect(
      ((await stripe.customers.retrieve(testId('cus', 1))) as Stripe.Customer).delinquent,
    ).toBe(true)
    const paid = await stripe.invoices.pay(open.id)
    expect(paid).toMatchObject({ status: 'paid', amount_remaining: 0, attempt_count: 2 })
    expect((await stripe.subscriptions.retrieve(testId('sub', 1))).status).toBe('active')
    const types = (await stripe.events.list({ limit: 100 })).data.map((e) => e.type).reverse()
    expect(types).toEqual([
      'invoice.created',
      'invoice.updated',
      'invoice.payment_failed',
      'customer.subscription.updated',
      'customer.updated',
      'invoice.paid',
      'invoice.payment_succeeded',
      'customer.subscription.updated',
    ])
  })
})
