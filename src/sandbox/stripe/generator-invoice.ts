import { at, dateMs, unixSeconds } from '../dataset/dates.js'
import type { DraftInvoice } from './generator-billing.js'
import { PRODUCT_NAME, type StripePrice } from './generator-catalog.js'

/** Who an invoice is for and how it is numbered and collected. */
export interface InvoiceContext {
  customerId: string
  subscriptionId: string
  email: string
  name: string
  number: string
  collection: string
  plan: StripePrice
}

/**
 * A drafted invoice as `GET /v1/invoices` returns it. The subscription is named both on the
 * invoice (API versions before 2025-03-31) and under `parent.subscription_details` (later ones).
 */
export function invoice(d: DraftInvoice, id: string, lineId: string, c: InvoiceContext) {
  const created = unixSeconds(d.createdMs)
  const paid = d.status === 'paid'
  return {
    id,
    object: 'invoice' as const,
    account_country: 'US',
    account_name: 'cs360 Demo',
    amount_due: d.amount,
    amount_paid: paid ? d.amount : 0,
    amount_remaining: paid ? 0 : d.amount,
    attempt_count: d.attempts,
    attempted: d.attempts > 0,
    auto_advance: d.status === 'open',
    billing_reason: d.reason,
    collection_method: c.collection,
    created,
    currency: 'usd',
    customer: c.customerId,
    customer_email: c.email,
    customer_name: c.name,
    description: null,
    due_date: d.dueMs === null ? null : unixSeconds(d.dueMs),
    effective_at: created,
    ending_balance: 0,
    lines: {
      object: 'list',
      data: lineItems(d, id, lineId, c),
      has_more: false,
      total_count: d.previousQuantity === undefined ? 1 : 2,
      url: `/v1/invoices/${id}/lines`,
    },
    livemode: false,
    metadata: {},
    next_payment_attempt: d.nextAttemptMs === null ? null : unixSeconds(d.nextAttemptMs),
    number: c.number,
    paid,
    parent: {
      type: 'subscription_details',
      quote_details: null,
      subscription_details: { metadata: {}, subscription: c.subscriptionId },
    },
    // Stripe's invoice period looks back one cycle; the line's period is the service bought.
    period_end: created,
    period_start:
      d.reason === 'subscription_cycle'
        ? created - (unixSeconds(dateMs(d.serviceEnd)) - unixSeconds(dateMs(d.serviceStart)))
        : created,
    status: d.status,
    status_transitions: {
      finalized_at: created,
      marked_uncollectible_at: d.uncollectibleMs === null ? null : unixSeconds(d.uncollectibleMs),
      paid_at: d.paidMs === null ? null : unixSeconds(d.paidMs),
      voided_at: null,
    },
    subscription: c.subscriptionId,
    subtotal: d.amount,
    total: d.amount,
    total_excluding_tax: d.amount,
  }
}

/**
 * The invoice's lines as API versions since 2025-03-31 show them (the subscription under
 * `parent.subscription_item_details`, the price under `pricing`) and with the older `subscription`
 * and `proration` on the line too. A mid-period quantity change is two proration lines, as Stripe
 * bills it: a credit for the unused time on the old quantity, a charge for the remaining time on
 * the new one; their period is the rest of the billing period.
 * https://docs.stripe.com/billing/subscriptions/prorations
 */
function lineItems(d: DraftInvoice, invoiceId: string, lineId: string, c: InvoiceContext) {
  const unit = (c.plan.unit_amount / 100).toFixed(2)
  const per = c.plan.recurring.interval
  const plan = c.plan.nickname.split(' (')[0]
  const period = {
    start: unixSeconds(at(d.serviceStart, 7_200)),
    end: unixSeconds(at(d.serviceEnd, 7_200)),
  }
  const line = (id: string, quantity: number, amount: number, description: string) => ({
    id,
    object: 'line_item',
    amount,
    currency: 'usd',
    description,
    discount_amounts: [],
    invoice: invoiceId,
    parent: {
      type: 'subscription_item_details',
      subscription_item_details: {
        invoice_item: null,
        proration: d.previousQuantity !== undefined,
        subscription: c.subscriptionId,
        // Filled in once the subscription (drawn after its invoices) has its item id.
        subscription_item: null as string | null,
      },
    },
    period,
    pricing: {
      type: 'price_details',
      price_details: { price: c.plan.id, product: c.plan.product },
      unit_amount_decimal: c.plan.unit_amount_decimal,
    },
    proration: d.previousQuantity !== undefined,
    quantity,
    subscription: c.subscriptionId,
  })
  if (d.previousQuantity === undefined || d.credit === undefined)
    return [
      line(
        lineId,
        d.quantity,
        d.amount,
        `${d.quantity} × ${PRODUCT_NAME} — ${plan} (at $${unit} / ${per})`,
      ),
    ]
  return [
    line(
      `${lineId}c`,
      d.previousQuantity,
      d.credit,
      `Unused time on ${d.previousQuantity} × ${PRODUCT_NAME} — ${plan}`,
    ),
    line(
      lineId,
      d.quantity,
      d.amount - d.credit,
      `Remaining time on ${d.quantity} × ${PRODUCT_NAME} — ${plan}`,
    ),
  ]
}

/** Names the subscription item on the invoices' lines, once the subscription has one. */
export function linkSubscriptionItem(invoices: ReturnType<typeof invoice>[], itemId: string) {
  for (const inv of invoices)
    for (const line of inv.lines.data)
      line.parent.subscription_item_details.subscription_item = itemId
}
