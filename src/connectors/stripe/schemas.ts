import { z } from 'zod'

/**
 * Shapes of the Stripe objects cs360 reads, parsed at the edge: a record that does not match is
 * quarantined with the field named instead of failing deep inside the load. Objects are loose:
 * fields cs360 does not model are kept (in the row's `extra`). Where API versions differ both
 * spellings are accepted: events carry their payload in the version they were created in.
 * https://docs.stripe.com/api
 */
const unix = z.number().int().nonnegative()
const id = (prefix: string) =>
  z.string().regex(new RegExp(`^${prefix}_\\w+$`), `not a Stripe ${prefix}_ id`)
const currency = z.string().regex(/^[a-z]{3}$/i, 'not an ISO currency code')
/**
 * A `*_decimal` amount: stripe-node 23 hands these out as its Decimal objects (their string
 * form is the decimal), event payloads and older clients as strings.
 */
const decimal = z.preprocess(
  (v) => (v !== null && typeof v === 'object' ? String(v) : v),
  z.string().regex(/^-?\d+(\.\d+)?$/, 'not a decimal'),
)
/** An id field that may come expanded into its object. */
const ref = (prefix: string) => z.union([id(prefix), z.looseObject({ id: id(prefix) })])

export const customerSchema = z.looseObject({
  id: id('cus'),
  object: z.literal('customer'),
  created: unix,
  name: z.string().nullish(),
  email: z.string().nullish(),
  metadata: z.record(z.string(), z.string()).nullish(),
})

/** What retrieving a deleted customer returns. */
export const deletedCustomerSchema = z.object({
  id: id('cus'),
  object: z.literal('customer'),
  deleted: z.literal(true),
})

export const couponSchema = z.looseObject({
  id: z.string().min(1),
  object: z.literal('coupon').optional(),
  percent_off: z.number().min(0).max(100).nullish(),
  amount_off: z.number().int().nonnegative().nullish(),
  currency: currency.nullish(),
  currency_options: z.record(z.string(), z.looseObject({ amount_off: z.number().int() })).nullish(),
  duration: z.enum(['forever', 'once', 'repeating']),
})

/** A discount; its coupon sits under `source` since 2025-09-30.clover, directly on it before. */
export const discountSchema = z.looseObject({
  id: z.string().min(1),
  object: z.literal('discount'),
  end: unix.nullish(),
  source: z.looseObject({ coupon: z.union([z.string(), couponSchema]).nullish() }).nullish(),
  coupon: couponSchema.nullish(),
})

const discounts = z.array(z.union([z.string(), discountSchema])).nullish()

const tierSchema = z.looseObject({
  up_to: z.number().int().positive().nullable(),
  unit_amount: z.number().nullish(),
  unit_amount_decimal: decimal.nullish(),
  flat_amount: z.number().nullish(),
})

export const priceSchema = z.looseObject({
  id: z.string().min(1),
  currency,
  unit_amount: z.number().int().nullish(),
  unit_amount_decimal: decimal.nullish(),
  billing_scheme: z.enum(['per_unit', 'tiered']).nullish(),
  tiers_mode: z.enum(['graduated', 'volume']).nullish(),
  tiers: z.array(tierSchema).nullish(),
  transform_quantity: z
    .looseObject({ divide_by: z.number().int().positive(), round: z.enum(['up', 'down']) })
    .nullish(),
  recurring: z
    .looseObject({
      interval: z.enum(['day', 'week', 'month', 'year']),
      interval_count: z.number().int().positive(),
      usage_type: z.enum(['licensed', 'metered']).nullish(),
    })
    .nullable(),
})

export const subscriptionItemSchema = z.looseObject({
  id: id('si'),
  price: priceSchema,
  quantity: z.number().int().nonnegative().nullish(),
  current_period_start: unix.nullish(),
  current_period_end: unix.nullish(),
  discounts,
})

export const subscriptionSchema = z.looseObject({
  id: id('sub'),
  object: z.literal('subscription'),
  customer: ref('cus'),
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
  currency,
  created: unix,
  items: z.looseObject({ data: z.array(subscriptionItemSchema), has_more: z.boolean().nullish() }),
  trial_end: unix.nullish(),
  cancel_at: unix.nullish(),
  cancel_at_period_end: z.boolean(),
  canceled_at: unix.nullish(),
  ended_at: unix.nullish(),
  /** Versions before 2025-03-31.basil: the period on the subscription, not its items. */
  current_period_start: unix.nullish(),
  current_period_end: unix.nullish(),
  discounts,
})

export const invoiceLineSchema = z.looseObject({
  id: z.string().min(1),
  amount: z.number().int(),
  period: z.looseObject({ start: unix, end: unix }).nullish(),
  quantity: z.number().nullish(),
  discount_amounts: z.array(z.looseObject({ amount: z.number().int() })).nullish(),
  parent: z
    .looseObject({
      subscription_item_details: z
        .looseObject({ subscription: z.string().nullish(), proration: z.boolean().nullish() })
        .nullish(),
    })
    .nullish(),
  /** Versions before 2025-03-31.basil. */
  subscription: z.string().nullish(),
})

export const invoiceSchema = z.looseObject({
  id: id('in'),
  object: z.literal('invoice'),
  customer: ref('cus'),
  status: z.enum(['draft', 'open', 'paid', 'uncollectible', 'void']).nullable(),
  currency,
  amount_due: z.number().int(),
  amount_paid: z.number().int(),
  amount_remaining: z.number().int(),
  attempt_count: z.number().int().nonnegative(),
  due_date: unix.nullish(),
  created: unix,
  period_start: unix.nullish(),
  period_end: unix.nullish(),
  status_transitions: z.looseObject({ paid_at: unix.nullish() }).nullish(),
  parent: z
    .looseObject({
      subscription_details: z.looseObject({ subscription: ref('sub').nullish() }).nullish(),
    })
    .nullish(),
  /** Versions before 2025-03-31.basil. */
  subscription: ref('sub').nullish(),
  lines: z
    .looseObject({ data: z.array(invoiceLineSchema), has_more: z.boolean().nullish() })
    .nullish(),
})

export const eventSchema = z.looseObject({
  id: id('evt'),
  object: z.literal('event'),
  type: z.string().min(1),
  created: unix,
  api_version: z.string().nullish(),
  data: z.looseObject({ object: z.looseObject({ object: z.string() }) }),
})

export type Customer = z.infer<typeof customerSchema>
export type Coupon = z.infer<typeof couponSchema>
export type Discount = z.infer<typeof discountSchema>
export type Price = z.infer<typeof priceSchema>
export type SubscriptionItem = z.infer<typeof subscriptionItemSchema>
export type Subscription = z.infer<typeof subscriptionSchema>
export type InvoiceLine = z.infer<typeof invoiceLineSchema>
export type Invoice = z.infer<typeof invoiceSchema>
export type StripeEvent = z.infer<typeof eventSchema>

/** The id of a field that may be expanded. */
export const idOf = (value: string | { id: string }) =>
  typeof value === 'string' ? value : value.id
