import type Stripe from 'stripe'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sandboxClient } from './sdk-client.js'
import { startStripeSandbox, type StripeSandbox } from './server.js'
import { TEST_API_KEY, testAccount, testId } from './test-account.js'

const DAY = 86_400
const start = Math.floor(Date.now() / 1000) - 20 * DAY
const ids = (list: { id: string }[]) => list.map((o) => o.id)
const customer = (n: number) => testId('cus', n)

describe('Stripe sandbox lists through stripe-node', () => {
  let sandbox: StripeSandbox
  let stripe: Stripe

  beforeAll(async () => {
    const dataset = testAccount({ customers: 25, start, invoicesEach: 2 })
    const sub = dataset.subscriptions[0]!
    sub.discounts = [
      {
        id: 'di_T000001',
        object: 'discount',
        start,
        end: null,
        source: {
          type: 'coupon',
          coupon: {
            id: 'LOYAL10',
            object: 'coupon',
            percent_off: 10,
            amount_off: null,
            currency: null,
            duration: 'forever',
            duration_in_months: null,
          },
        },
      },
    ]
    sandbox = await startStripeSandbox({ dataset, apiKey: TEST_API_KEY, rateLimits: false })
    stripe = sandboxClient(sandbox)
    sandbox.cancelSubscription(testId('sub', 2))
  })
  afterAll(() => sandbox.close())

  it('pages newest first: 10 by default, then starting_after the last id', async () => {
    const first = await stripe.customers.list()
    expect(first).toMatchObject({ object: 'list', has_more: true, url: '/v1/customers' })
    expect(ids(first.data)).toEqual([25, 24, 23, 22, 21, 20, 19, 18, 17, 16].map(customer))
    sandbox.calls.reset()
    const all = await stripe.customers.list({ limit: 7 }).autoPagingToArray({ limit: 100 })
    expect(ids(all)).toEqual(Array.from({ length: 25 }, (_, i) => customer(25 - i)))
    expect(sandbox.calls.count((c) => c.path === '/v1/customers')).toBe(4)
  })

  it('pages newer objects with ending_before, the page next to the cursor', async () => {
    const page = await stripe.customers.list({ limit: 5, ending_before: customer(10) })
    expect(ids(page.data)).toEqual([15, 14, 13, 12, 11].map(customer))
    expect(page.has_more).toBe(true)
    const newest = await stripe.customers.list({ limit: 5, ending_before: customer(22) })
    expect(ids(newest.data)).toEqual([25, 24, 23].map(customer))
    expect(newest.has_more).toBe(false)
  })

  it('filters by created range and e-mail', async () => {
    const window = await stripe.customers.list({
      limit: 100,
      created: { gte: start + 3 * 3_600, lt: start + 6 * 3_600 },
    })
    expect(ids(window.data)).toEqual([6, 5, 4].map(customer))
    const exact = await stripe.customers.list({ created: start })
    expect(ids(exact.data)).toEqual([customer(1)])
    const byEmail = await stripe.customers.list({ email: 'billing@customer7.example' })
    expect(ids(byEmail.data)).toEqual([customer(7)])
  })

  it('leaves canceled subscriptions out unless the status filter asks for them', async () => {
    const live = await stripe.subscriptions.list({ limit: 100 })
    expect(ids(live.data)).not.toContain(testId('sub', 2))
    expect(live.data).toHaveLength(24)
    const canceled = await stripe.subscriptions.list({ status: 'canceled' })
    expect(ids(canceled.data)).toEqual([testId('sub', 2)])
    const all = await stripe.subscriptions.list({ status: 'all', limit: 100 })
    expect(all.data).toHaveLength(25)
    const mine = await stripe.subscriptions.list({ customer: customer(3) })
    expect(ids(mine.data)).toEqual([testId('sub', 3)])
  })

  it('filters invoices by subscription and status', async () => {
    const invoices = await stripe.invoices.list({ subscription: testId('sub', 4), status: 'paid' })
    expect(ids(invoices.data)).toEqual([testId('in', 401), testId('in', 400)])
    const open = await stripe.invoices.list({ status: 'open' })
    expect(open.data).toEqual([])
  })

  it('filters events by exact types and by a wildcard type', async () => {
    const created = await stripe.events.list({
      types: ['customer.created', 'invoice.created'],
      limit: 100,
    })
    expect(new Set(created.data.map((e) => e.type))).toEqual(
      new Set(['customer.created', 'invoice.created']),
    )
    const subscriptionEvents = await stripe.events.list({ type: 'customer.subscription.*' })
    expect(subscriptionEvents.data.map((e) => e.type)).toEqual([
      'customer.subscription.deleted',
      ...Array(9).fill('customer.subscription.created'),
    ])
  })

  it('expands customers on lists and on a single object', async () => {
    const page = await stripe.subscriptions.list({ limit: 2, expand: ['data.customer'] })
    expect(page.data[0]!.customer).toMatchObject({ object: 'customer', id: customer(25) })
    const one = await stripe.subscriptions.retrieve(testId('sub', 5), { expand: ['customer'] })
    expect(one.customer).toMatchObject({ object: 'customer', name: 'Customer 5' })
    const plain = await stripe.subscriptions.retrieve(testId('sub', 5))
    expect(plain.customer).toBe(customer(5))
  })

  it('answers discounts as ids until expanded, coupons one level deeper', async () => {
    const sub = testId('sub', 1)
    const plain = await stripe.subscriptions.retrieve(sub)
    expect(plain.discounts).toEqual(['di_T000001'])
    const discounts = await stripe.subscriptions.retrieve(sub, { expand: ['discounts'] })
    expect(discounts.discounts[0]).toMatchObject({
      object: 'discount',
      source: { coupon: 'LOYAL10' },
    })
    const coupons = await stripe.subscriptions.list({
      customer: customer(1),
      expand: ['data.discounts.source.coupon'],
    })
    expect(coupons.data[0]!.discounts[0]).toMatchObject({
      source: { coupon: { id: 'LOYAL10', percent_off: 10, duration: 'forever' } },
    })
  })

  it('refuses expansions deeper than four levels or of plain fields', async () => {
    await expect(
      stripe.subscriptions.list({
        expand: ['data.customer.invoice_settings.default_payment_method.x'],
      }),
    ).rejects.toMatchObject({
      statusCode: 400,
      message: expect.stringMatching(/more than 4 levels/),
    })
    await expect(stripe.subscriptions.list({ expand: ['data.status'] })).rejects.toMatchObject({
      statusCode: 400,
      param: 'expand',
      message: 'This property cannot be expanded (data.status).',
    })
  })
})
