import { z } from 'zod'

const id = (prefix: string) =>
  z.string().regex(new RegExp(`^${prefix}_[A-Za-z0-9]+$`), `must be a Stripe id (${prefix}_…)`)
const unix = z.number().int().nonnegative()
const cents = z.number().int()
const currency = z.string().regex(/^[a-z]{3}$/, 'must be a lower-case ISO currency code')

export const stripeCustomerSchema = z.looseObject({
  id: id('cus'),
  object: z.literal('customer'),
  created: unix,
  name: z.string().nullable(),
  email: z.string().nullable(),
  /** `crm_account_id` and `domain` link the customer to the CRM account (see docs/sandbox.md). */
  metadata: z.record(z.string(), z.string()),
  delinquent: z.boolean().nullable().optional(),
})

export const stripePriceSchema = z.looseObject({
  id: id('price'),
  object: z.literal('price'),
  currency,
  unit_amount: cents.nullable(),
  recurring: z
    .looseObject({
      interval: z.enum(['day', 'week', 'month', 'year']),
      interval_count: z.number().int().positive(),
    })
    .nullable(),
})

export const stripeCouponSchema = z.looseObject({
  id: z.string().min(1),
  object: z.literal('coupon'),
  percent_off: z.number().positive().max(100).nullable(),
  amount_off: cents.positive().nullable(),
  currency: currency.nullable(),
  duration: z.enum(['forever', 'once', 'repeating']),
  duration_in_months: z.number().int().positive().nullable(),
})

/**
 * A discount as `expand[]=discounts.source.coupon` returns it. The dataset carries discounts
 * whole (coupons have no list of their own here); the server answers with their ids unless a
 * request expands them.
 */
export const stripeDiscountSchema = z.looseObject({
  id: id('di'),
  object: z.literal('discount'),
  source: z.looseObject({ type: z.literal('coupon'), coupon: stripeCouponSchema }),
  start: unix,
  end: unix.nullable(),
})

export const stripeSubscriptionItemSchema = z.looseObject({
  id: id('si'),
  object: z.literal('subscription_item'),
  price: stripePriceSchema,
  quantity: z.number().int().nonnegative().optional(),
  discounts: z.array(stripeDiscountSchema).optional(),
})

export const stripeSubscriptionSchema = z.looseObject({
  id: id('sub'),
  object: z.literal('subscription'),
  customer: id('cus'),
  status: z.enum([
    'active',
    'canceled',
    'incomplete',
    'incomplete_expired',
    'past_due',
    'paused',
    'trialing',
    'unpaid',
  ]),
  items: z.looseObject({ object: z.literal('list'), data: z.array(stripeSubscriptionItemSchema) }),
  created: unix,
  cancel_at_period_end: z.boolean(),
  canceled_at: unix.nullable(),
  discounts: z.array(stripeDiscountSchema).optional(),
})

export const stripeInvoiceSchema = z.looseObject({
  id: id('in'),
  object: z.literal('invoice'),
  customer: id('cus'),
  subscription: id('sub').nullable().optional(),
  status: z.enum(['draft', 'open', 'paid', 'uncollectible', 'void']).nullable(),
  currency,
  amount_due: cents,
  amount_paid: cents,
  amount_remaining: cents,
  attempt_count: z.number().int().nonnegative(),
  /** Set for `send_invoice` collection only; card-charged invoices have none. */
  due_date: unix.nullable(),
  created: unix,
  period_start: unix,
  period_end: unix,
})

/** The `stripe` section: Stripe objects as the API returns them (unix seconds, amounts in cents). */
export const stripeDatasetSchema = z
  .object({
    customers: z.array(stripeCustomerSchema).default([]),
    subscriptions: z.array(stripeSubscriptionSchema).default([]),
    invoices: z.array(stripeInvoiceSchema).default([]),
  })
  .strict()

export type StripeDataset = z.infer<typeof stripeDatasetSchema>
