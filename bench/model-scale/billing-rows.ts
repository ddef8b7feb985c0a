import {
  addDays,
  addMonths,
  at,
  dateMs,
  DAY_MS,
  snapshotMs,
} from '../../src/sandbox/dataset/dates.js'
import { randomFor, scaleAccounts, type CompanyShape, type ScaleAccount } from './company.js'
import { sourceIds } from './source-rows.js'
import type { TableRows } from './table-rows.js'

/** Share of each segment billed monthly; the rest pay a year ahead. */
const MONTHLY_BILLING: Record<string, number> = { enterprise: 0, 'mid-market': 0.4, smb: 0.7 }
/** Months of billing history kept: the trailing retention window and the month before it. */
const HISTORY_MONTHS = 14

const iso = (ms: number) => new Date(ms).toISOString()
const money = (n: number) => Math.round(n * 100) / 100
/** The day of `month` a plan bills on: its term's start day, as Stripe anchors it (≤ 28th). */
const billingDay = (month: string, a: ScaleAccount) =>
  addDays(month, Math.min(28, Number(a.contracts.termStart.slice(8, 10))) - 1)

/** ARR of the account's closed-won contracts running on `date`. */
function arrOn(a: ScaleAccount, date: string): number {
  let arr = 0
  for (const d of a.contracts.deals) if (d.won && d.start <= date && d.end >= date) arr += d.amount
  return arr
}

interface Billing {
  subscription: string
  customer: string
  monthly: boolean
  pricePerSeat: number
  /** First day of each month with MRR at its end (or on asOf for the current month). */
  months: { month: string; mrr: number }[]
}

function billingOf(shape: CompanyShape, a: ScaleAccount): Billing {
  const random = randomFor(shape, 'billing', a.index)
  const current = `${shape.asOf.slice(0, 7)}-01`
  const months: Billing['months'] = []
  for (let k = HISTORY_MONTHS - 1; k >= 0; k--) {
    const month = addMonths(current, -k)
    const end = k === 0 ? shape.asOf : addDays(addMonths(month, 1), -1)
    const mrr = money(arrOn(a, end) / 12)
    if (mrr > 0) months.push({ month, mrr })
  }
  return {
    subscription: `sub_${a.index.toString(36).padStart(24, '0')}`,
    customer: sourceIds.stripe(a),
    monthly: random.chance(MONTHLY_BILLING[a.plan.segment]!),
    pricePerSeat: random.int(20, 120),
    months,
  }
}

export function billingSubscriptions(shape: CompanyShape): TableRows {
  return {
    table: 'billing_subscriptions',
    columns: [
      'source',
      'source_id',
      'source_account_id',
      'status',
      'currency',
      'mrr',
      'seats',
      'cancel_at',
      'cancel_at_period_end',
      'canceled_at',
      'ended_at',
      'current_period_start',
      'current_period_end',
      'items',
      'source_created_at',
      'source_updated_at',
    ],
    *rows() {
      for (const a of scaleAccounts(shape)) {
        const b = billingOf(shape, a)
        const random = randomFor(shape, 'billing_subscriptions', a.index)
        const churned = a.plan.churned
        const mrr = churned ? 0 : money(a.contracts.arr / 12)
        const seats = Math.max(1, Math.round(mrr / b.pricePerSeat))
        // A churning customer that has not left yet may have told billing it will.
        const cancelling = !churned && a.plan.trajectory === 'churn' && random.chance(0.3)
        const periodStart = b.monthly
          ? billingDay(`${shape.asOf.slice(0, 7)}-01`, a)
          : a.contracts.termStart
        const ended = churned ? dateMs(a.contracts.termStart) : null
        yield [
          'stripe',
          b.subscription,
          b.customer,
          churned ? 'canceled' : random.chance(0.02) ? 'past_due' : 'active',
          'usd',
          mrr,
          seats,
          cancelling ? iso(at(addDays(a.contracts.termEnd, 1), 7200)) : null,
          cancelling,
          ended === null
            ? cancelling
              ? iso(snapshotMs(shape.asOf) - 10 * DAY_MS)
              : null
            : iso(ended - 30 * DAY_MS),
          ended === null ? null : iso(ended),
          iso(at(periodStart > shape.asOf ? addMonths(periodStart, -1) : periodStart, 7200)),
          iso(at(b.monthly ? addMonths(periodStart, 1) : addDays(a.contracts.termEnd, 1), 7200)),
          JSON.stringify([
            {
              id: `si_${a.index.toString(36)}`,
              mrr,
              price: `price_${a.plan.segment}`,
              interval: b.monthly ? 'month' : 'year',
              quantity: seats,
              interval_count: 1,
            },
          ]),
          iso(at(a.contracts.customerSince, 3600)),
          iso(at(addDays(shape.asOf, -random.int(1, 30)), 3600)),
        ]
      }
    },
  }
}

/** MRR at the end of each month of the history, as the Stripe connector derives it. */
export function billingMrrMonthly(shape: CompanyShape): TableRows {
  return {
    table: 'billing_mrr_monthly',
    columns: [
      'source',
      'subscription_source_id',
      'month',
      'source_account_id',
      'mrr',
      'seats',
      'source_updated_at',
    ],
    *rows() {
      for (const a of scaleAccounts(shape)) {
        const b = billingOf(shape, a)
        for (const m of b.months)
          yield [
            'stripe',
            b.subscription,
            m.month,
            b.customer,
            m.mrr,
            Math.max(1, Math.round(m.mrr / b.pricePerSeat)),
            iso(at(m.month, 7200)),
          ]
      }
    },
  }
}

/**
 * An invoice per month billed (monthly plans) or per term start (annual ones) in the history:
 * nearly all paid first time, some after retries, a few still open past due or uncollectible,
 * more of them the less healthy the account.
 */
export function billingInvoices(shape: CompanyShape): TableRows {
  return {
    table: 'billing_invoices',
    columns: [
      'source',
      'source_id',
      'source_account_id',
      'subscription_source_id',
      'status',
      'currency',
      'amount_due',
      'amount_paid',
      'amount_remaining',
      'attempt_count',
      'due_date',
      'paid_at',
      'period_start',
      'period_end',
      'source_created_at',
      'source_updated_at',
    ],
    *rows() {
      const endMs = snapshotMs(shape.asOf)
      for (const a of scaleAccounts(shape)) {
        const b = billingOf(shape, a)
        const random = randomFor(shape, 'billing_invoices', a.index)
        const health = a.engagementOn(364)
        const billed = b.monthly
          ? b.months.map((m) => ({ start: billingDay(m.month, a), amount: m.mrr, months: 1 }))
          : b.months
              .filter((m) => m.month.slice(5, 7) === a.contracts.termStart.slice(5, 7))
              .map((m) => ({
                start: billingDay(m.month, a),
                amount: money(m.mrr * 12),
                months: 12,
              }))
        for (const [k, inv] of billed.entries()) {
          const createdMs = at(inv.start, 7200 + random.int(0, 3600))
          if (createdMs > endMs) continue
          const recent = endMs - createdMs < 30 * DAY_MS
          const outcome = random.weighted([
            ['paid', 0.95],
            ['retried', 0.03 + 0.05 * (1 - health)],
            ['uncollectible', 0.005 + 0.02 * (1 - health)],
            ['open', recent ? 0.02 + 0.05 * (1 - health) : 0],
          ] as const)
          const paid = outcome === 'paid' || outcome === 'retried'
          const paidMs = createdMs + (outcome === 'retried' ? random.int(2, 9) * DAY_MS : 3_600_000)
          yield [
            'stripe',
            `in_${a.index.toString(36).padStart(10, '0')}${k.toString(36).padStart(2, '0')}`,
            b.customer,
            b.subscription,
            outcome === 'retried' ? 'paid' : outcome,
            'usd',
            inv.amount,
            paid ? inv.amount : 0,
            paid ? 0 : inv.amount,
            outcome === 'paid'
              ? 1
              : outcome === 'retried'
                ? random.int(2, 3)
                : outcome === 'open'
                  ? 1
                  : 4,
            outcome === 'open' ? iso(createdMs + 14 * DAY_MS) : null,
            paid ? iso(Math.min(paidMs, endMs)) : null,
            iso(at(inv.start, 7200)),
            iso(at(addMonths(inv.start, inv.months), 7200)),
            iso(createdMs),
            iso(paid ? Math.min(paidMs, endMs) : createdMs),
          ]
        }
      }
    },
  }
}
