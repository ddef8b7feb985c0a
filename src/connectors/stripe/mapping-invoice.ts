import { rowFor } from '../../db/load-target.js'
import type { MappedRecord } from '../types.js'
import type { Observed } from './mapping-customer.js'
import { toUnits } from './money.js'
import { invoiceMonthRows } from './mrr-history.js'
import { extraFields, iso, isoOrNull, parseRecord } from './parse.js'
import { idOf, invoiceSchema, type Invoice, type InvoiceLine } from './schemas.js'
import { SOURCE } from './source.js'

const MODELED = [
  'id',
  'object',
  'customer',
  'status',
  'currency',
  'amount_due',
  'amount_paid',
  'amount_remaining',
  'attempt_count',
  'due_date',
  'created',
  'subscription',
] as const

/**
 * An invoice as a billing_invoices row (amounts in currency units; `paid_at` from its status
 * transitions; the period is the service its subscription lines bill, the invoice's own
 * `period_start/end` — which look back one cycle — when it has none) plus the past months' MRR
 * its lines show (see mrr-history.ts). `lines` are all its lines when the list cut them short.
 */
export function mapInvoice(
  raw: unknown,
  observed: Observed,
  allLines?: InvoiceLine[],
  at = '',
): MappedRecord {
  const parsed = parseRecord(invoiceSchema, raw, at)
  if (!parsed.ok) return parsed
  const inv = parsed.value
  const lines = allLines ?? inv.lines?.data ?? []
  const subscription = subscriptionOf(inv)
  const billed = lines.filter((l) => l.period && l.amount > 0)
  const periodStart = billed.length ? Math.min(...billed.map((l) => l.period!.start)) : undefined
  const periodEnd = billed.length ? Math.max(...billed.map((l) => l.period!.end)) : undefined
  return {
    ok: true,
    rows: [
      rowFor('billing_invoices', {
        source: SOURCE,
        source_id: inv.id,
        source_account_id: idOf(inv.customer),
        subscription_source_id: subscription,
        status: inv.status,
        currency: inv.currency.toLowerCase(),
        amount_due: toUnits(inv.amount_due, inv.currency),
        amount_paid: toUnits(inv.amount_paid, inv.currency),
        amount_remaining: toUnits(inv.amount_remaining, inv.currency),
        attempt_count: inv.attempt_count,
        due_date: isoOrNull(inv.due_date),
        paid_at: isoOrNull(inv.status_transitions?.paid_at),
        period_start: isoOrNull(periodStart ?? inv.period_start),
        period_end: isoOrNull(periodEnd ?? inv.period_end),
        source_created_at: iso(inv.created),
        source_updated_at: iso(observed.at),
        deleted_at: observed.deleted ? iso(observed.at) : null,
        extra: extraFields(inv, MODELED),
      }),
      ...invoiceMonthRows(inv, lines, subscription, observed.at),
    ],
  }
}

/** The invoice's subscription: under `parent` since 2025-03-31.basil, on the invoice before. */
function subscriptionOf(inv: Invoice): string | null {
  const parent = inv.parent?.subscription_details?.subscription
  const value = parent ?? inv.subscription
  return value ? idOf(value) : null
}
