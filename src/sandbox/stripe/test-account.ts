import type { StripeDataset } from './dataset-schema.js'

/**
 * Test support: a small Stripe account whose objects are spread over time, for the sandbox's and
 * the connector's tests and the conformance suite. Ids are Stripe-shaped and predictable.
 */
export const TEST_API_KEY = 'sk_test_cs360TestAccount0000000000000000'

const DAY = 86_400

export const testId = (prefix: string, n: number) => `${prefix}_T${String(n).padStart(6, '0')}`

export function testPrice(interval: 'month' | 'year' = 'month', unitAmount = 4_400) {
  return {
    id: testId('price', interval === 'month' ? 1 : 2),
    object: 'price' as const,
    active: true,
    billing_scheme: 'per_unit',
    currency: 'usd',
    nickname: `Team (${interval}ly, per seat)`,
    product: testId('prod', 1),
    recurring: { interval, interval_count: 1, usage_type: 'licensed', meter: null },
    type: 'recurring',
    unit_amount: unitAmount,
    unit_amount_decimal: String(unitAmount),
  }
}

/**
 * `customers` customers, one monthly subscription each (quantity 1–5) and `invoicesEach` paid
 * invoices per subscription; customer n is created `spacing` seconds after customer n−1, from
 * `start` (unix seconds).
 */
export function testAccount(options: {
  customers: number
  start: number
  spacing?: number
  invoicesEach?: number
}): StripeDataset {
  const spacing = options.spacing ?? 3_600
  const price = testPrice()
  const customers: StripeDataset['customers'] = []
  const subscriptions: StripeDataset['subscriptions'] = []
  const invoices: StripeDataset['invoices'] = []
  for (let n = 1; n <= options.customers; n++) {
    const created = options.start + (n - 1) * spacing
    const customer = testId('cus', n)
    const subscription = testId('sub', n)
    customers.push({
      id: customer,
      object: 'customer',
      created,
      name: `Customer ${n}`,
      email: `billing@customer${n}.example`,
      metadata: {
        crm_account_id: `001T${String(n).padStart(14, '0')}`,
        domain: `customer${n}.example`,
      },
      delinquent: false,
      livemode: false,
    })
    const periodStart = created + 30 * DAY * (options.invoicesEach ?? 1)
    subscriptions.push({
      id: subscription,
      object: 'subscription',
      customer,
      status: 'active',
      currency: 'usd',
      created,
      cancel_at_period_end: false,
      cancel_at: null,
      canceled_at: null,
      ended_at: null,
      trial_end: null,
      collection_method: 'charge_automatically',
      current_period_start: periodStart - 30 * DAY,
      current_period_end: periodStart,
      discounts: [],
      metadata: {},
      items: {
        object: 'list',
        data: [
          {
            id: testId('si', n),
            object: 'subscription_item',
            price,
            quantity: (n % 5) + 1,
            discounts: [],
            current_period_start: periodStart - 30 * DAY,
            current_period_end: periodStart,
          },
        ],
      },
    })
    for (let k = 0; k < (options.invoicesEach ?? 1); k++) {
      const start = created + k * 30 * DAY
      invoices.push(testInvoice(n * 100 + k, customer, subscription, start, ((n % 5) + 1) * 4_400))
    }
  }
  return { customers, subscriptions, invoices }
}

/** A paid, card-charged subscription invoice for the month starting at `start`. */
export function testInvoice(
  n: number,
  customer: string,
  subscription: string,
  start: number,
  amount: number,
) {
  const id = testId('in', n)
  return {
    id,
    object: 'invoice' as const,
    customer,
    subscription,
    status: 'paid' as const,
    currency: 'usd',
    amount_due: amount,
    amount_paid: amount,
    amount_remaining: 0,
    attempt_count: 1,
    attempted: true,
    collection_method: 'charge_automatically',
    due_date: null,
    created: start,
    period_start: start,
    period_end: start,
    next_payment_attempt: null,
    billing_reason: 'subscription_cycle',
    status_transitions: {
      finalized_at: start,
      paid_at: start + 60,
      marked_uncollectible_at: null,
      voided_at: null,
    },
    parent: {
      type: 'subscription_details',
      subscription_details: { metadata: {}, subscription },
    },
    lines: {
      object: 'list',
      data: [
        {
          id: testId('il', n),
          object: 'line_item',
          amount,
          currency: 'usd',
          period: { start, end: nextMonth(start) },
          quantity: amount / 4_400,
          parent: {
            type: 'subscription_item_details',
            subscription_item_details: { subscription, proration: false },
          },
        },
      ],
      has_more: false,
      url: `/v1/invoices/${id}/lines`,
    },
  }
}

/** The same moment a calendar month later, as monthly billing periods run. */
function nextMonth(unix: number): number {
  const d = new Date(unix * 1000)
  d.setUTCMonth(d.getUTCMonth() + 1)
  return Math.floor(d.getTime() / 1000)
}
