import type { CompanyModel, ModelAccount } from '../dataset/company-model.js'
import {
  addDays,
  addMonths,
  addYears,
  at,
  DAY_MS,
  dateMs,
  snapshotMs,
  unixSeconds,
} from '../dataset/dates.js'
import { Random } from '../dataset/random.js'
import {
  arrOn,
  billingDates,
  billingTerms,
  DAYS_UNTIL_DUE,
  draftInvoices,
  INVOICE_WINDOW_DAYS,
} from './generator-billing.js'
import { priceBook, seatsFor, stripeIds, type StripePrice } from './generator-catalog.js'
import { invoice, linkSubscriptionItem } from './generator-invoice.js'
import type { StripeDataset } from './dataset-schema.js'

const CANCEL_FEEDBACK = [
  'too_expensive',
  'switched_service',
  'unused',
  'missing_features',
  'low_quality',
]

/**
 * The company's Stripe account: a customer per account (metadata carries the CRM account id and
 * domain), one per-seat subscription each, and the last year of invoices. Subscriptions are
 * written with their period both on the subscription (API versions before 2025-03-31) and on
 * the item (later versions); invoices name their subscription both ways too.
 */
export function renderStripe(
  model: CompanyModel,
  seed: number,
  crmIds: string[],
): { dataset: StripeDataset; customerIds: string[] } {
  const random = Random.forPart(seed, 'stripe')
  const id = stripeIds(random)
  const firstCustomer = model.accounts
    .map((a) => a.contracts.customerSince)
    .reduce((min, d) => (d < min ? d : min), model.asOf)
  const price = priceBook(firstCustomer, id)
  const nowMs = snapshotMs(model.asOf)
  const customers: StripeDataset['customers'] = []
  const subscriptions: StripeDataset['subscriptions'] = []
  const invoices: StripeDataset['invoices'] = []
  const customerIds: string[] = []
  for (const a of model.accounts) {
    const terms = billingTerms(random, a)
    const plan = price(a.plan.segment, terms.interval)
    const customerId = id('cus', 14)
    const subscriptionId = id('sub', 24)
    customerIds.push(customerId)
    const drafts = draftInvoices(random, a, plan, terms, nowMs, model.asOf)
    const prefix = random.chars(8, '0123456789ABCDEF')
    // Numbering continues from the invoices older than the window the dataset keeps.
    const windowStart = addDays(model.asOf, -INVOICE_WINDOW_DAYS)
    const earlier = billingDates(a, terms.interval, addDays(windowStart, -1)).length
    // Whether the customer carries the CRM id, its domain and (for a trap) its billing address
    // and name are the company model's decision (linking-keys.ts).
    const keys = a.linking.stripe
    const companyEmail = random.chance(0.6) ? a.contacts[0]!.email : `billing@${a.identity.domain}`
    const email = keys.email ?? companyEmail
    const name = keys.name ?? a.identity.name
    const rendered = drafts.map((d, n) =>
      invoice(d, id('in', 24), id('il', 24), {
        customerId,
        subscriptionId,
        email,
        name,
        number: `${prefix}-${String(earlier + n + 1).padStart(4, '0')}`,
        collection: terms.collection,
        plan,
      }),
    )
    invoices.push(...rendered)
    const pastDue = drafts.some(
      (d) => d.status === 'open' && (d.attempts > 0 || (d.dueMs !== null && d.dueMs < nowMs)),
    )
    const createdMs = at(a.contracts.customerSince, random.int(3_600, 10_800)) - DAY_MS
    customers.push({
      id: customerId,
      object: 'customer',
      address: {
        city: null,
        country: null,
        line1: null,
        line2: null,
        postal_code: null,
        state: null,
      },
      balance: 0,
      created: unixSeconds(createdMs),
      currency: 'usd',
      default_source: null,
      delinquent: pastDue || drafts.some((d) => d.status === 'uncollectible'),
      description: null,
      discount: null,
      email,
      invoice_prefix: prefix,
      invoice_settings: {
        custom_fields: null,
        default_payment_method: null,
        footer: null,
        rendering_options: null,
      },
      livemode: false,
      metadata: {
        ...(keys.crmId ? { crm_account_id: crmIds[a.index]! } : {}),
        ...(keys.domain ? { domain: keys.domain } : {}),
      },
      name,
      next_invoice_sequence: earlier + drafts.length + 1,
      phone: null,
      preferred_locales: ['en'],
      shipping: null,
      tax_exempt: 'none',
      test_clock: null,
    })
    const sub = subscription(random, a, {
      id: subscriptionId,
      itemId: id('si', 14),
      customerId,
      plan,
      terms,
      createdMs,
      status: a.churnDate ? 'canceled' : pastDue ? 'past_due' : 'active',
      latestInvoice: rendered.at(-1)?.id ?? null,
      nowMs,
      asOf: model.asOf,
    })
    linkSubscriptionItem(rendered, sub.items.data[0]!.id)
    subscriptions.push(sub)
  }
  return { dataset: { customers, subscriptions, invoices }, customerIds }
}

function subscription(
  random: Random,
  a: ModelAccount,
  s: {
    id: string
    itemId: string
    customerId: string
    plan: StripePrice
    terms: ReturnType<typeof billingTerms>
    createdMs: number
    status: 'active' | 'past_due' | 'canceled'
    latestInvoice: string | null
    nowMs: number
    asOf: string
  },
) {
  const until = a.churnDate ? addDays(a.churnDate, -1) : s.asOf
  const periodStart = billingDates(a, s.terms.interval, until).at(-1) ?? a.contracts.customerSince
  const periodEnd =
    s.terms.interval === 'year' ? addYears(periodStart, 1) : addMonths(periodStart, 1)
  const start = unixSeconds(at(periodStart, 7_200))
  const end = unixSeconds(at(periodEnd, 7_200))
  const endingSoon = dateMs(periodEnd) - s.nowMs < 60 * DAY_MS
  // Some leavers have already said so: cancellation scheduled at the period's end.
  const leaving = !a.churnDate && a.plan.trajectory === 'churn' && endingSoon && random.chance(0.4)
  const canceledMs = a.churnDate
    ? dateMs(a.churnDate) - random.int(1, 30) * DAY_MS
    : leaving
      ? s.nowMs - random.int(1, 20) * DAY_MS
      : null
  const feedback = canceledMs ? random.pick(CANCEL_FEEDBACK) : null
  const quantity = seatsFor(arrOn(a, a.churnDate ? until : s.asOf), s.plan, s.terms.interval)
  return {
    id: s.id,
    object: 'subscription' as const,
    application: null,
    billing_cycle_anchor: unixSeconds(at(a.contracts.customerSince, 7_200)),
    cancel_at: leaving ? end : null,
    cancel_at_period_end: leaving,
    canceled_at: canceledMs === null ? null : unixSeconds(canceledMs),
    cancellation_details: {
      comment: null,
      feedback,
      reason: canceledMs === null ? null : 'cancellation_requested',
    },
    collection_method: s.terms.collection,
    created: unixSeconds(s.createdMs),
    currency: 'usd',
    current_period_end: end,
    current_period_start: start,
    customer: s.customerId,
    days_until_due: s.terms.collection === 'send_invoice' ? DAYS_UNTIL_DUE : null,
    default_payment_method: null,
    description: null,
    discounts: [],
    ended_at: a.churnDate ? unixSeconds(at(a.churnDate, 7_200)) : null,
    items: {
      object: 'list' as const,
      data: [
        {
          id: s.itemId,
          object: 'subscription_item' as const,
          created: unixSeconds(s.createdMs),
          current_period_end: end,
          current_period_start: start,
          metadata: {},
          price: s.plan,
          quantity,
          subscription: s.id,
          tax_rates: [],
        },
      ],
      has_more: false,
      total_count: 1,
      url: `/v1/subscription_items?subscription=${s.id}`,
    },
    latest_invoice: s.latestInvoice,
    livemode: false,
    metadata: {},
    start_date: unixSeconds(s.createdMs),
    status: s.status,
    trial_end: null,
    trial_start: null,
  }
}
