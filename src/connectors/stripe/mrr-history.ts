import { rowFor, type TargetRow } from '../../db/load-target.js'
import { toUnits } from './money.js'
import { monthEndsWithin, monthOf, monthsBetween } from './months.js'
import { iso } from './parse.js'
import type { Invoice, InvoiceLine } from './schemas.js'
import { SOURCE } from './source.js'

/**
 * MRR of past months from what a subscription invoice charged: each subscription line's net
 * amount (after its discounts) spread evenly over the calendar months of its service period
 * (`period`; a year's line over 12), counted for every month whose end falls inside that period
 * and has passed by `until`. A mid-period change is billed as a credit line for the old
 * quantity (negative, skipped) and a charge for the remaining time on the new quantity, which
 * spread over its shorter period gives the full new MRR. A later invoice's row replaces an
 * earlier one's for the same month (versioned by the invoice's `created`), and what cs360
 * observed of the subscription itself (versioned by the observation time) wins over both. The
 * current month never comes from invoices: it is still open and comes from the items.
 */
export function invoiceMonthRows(
  invoice: Invoice,
  lines: InvoiceLine[],
  subscription: string | null,
  until: number,
): TargetRow<'billing_mrr_monthly'>[] {
  const buckets = new Map<string, { sub: string; month: string; mrr: number; seats: number }>()
  for (const line of lines) {
    const sub =
      line.parent?.subscription_item_details?.subscription ?? line.subscription ?? subscription
    const period = line.period
    const net = line.amount - (line.discount_amounts ?? []).reduce((s, d) => s + d.amount, 0)
    if (!sub || !period || period.end <= period.start || net <= 0) continue
    const monthly = net / monthsBetween(period.start, period.end)
    for (const end of monthEndsWithin(period.start, period.end, until)) {
      const month = monthOf(end)
      const bucket = buckets.get(`${sub}/${month}`) ?? { sub, month, mrr: 0, seats: 0 }
      bucket.mrr += monthly
      bucket.seats += line.quantity ?? 0
      buckets.set(`${sub}/${month}`, bucket)
    }
  }
  const customer = typeof invoice.customer === 'string' ? invoice.customer : invoice.customer.id
  return [...buckets.values()].map((b) =>
    rowFor('billing_mrr_monthly', {
      source: SOURCE,
      subscription_source_id: b.sub,
      month: b.month,
      source_account_id: customer,
      mrr: toUnits(b.mrr, invoice.currency),
      seats: Math.round(b.seats),
      source_updated_at: iso(invoice.created),
    }),
  )
}
