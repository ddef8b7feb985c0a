import type { ModelAccount } from '../dataset/company-model.js'
import { addDays, addMonths, addYears, at, DAY_MS, daysBetween } from '../dataset/dates.js'
import type { Random } from '../dataset/random.js'
import { seatsFor, type Interval, type StripePrice } from './generator-catalog.js'

export type Collection = 'charge_automatically' | 'send_invoice'

/**
 * Invoice history kept in the dataset: the last two years, so that trailing-twelve-month
 * retention has a full starting cohort from billing alone (no estimate of older MRR).
 */
export const INVOICE_WINDOW_DAYS = 730

/** Stripe's default Smart Retries: up to four attempts over about three weeks. */
const RETRY_DAYS = [0, 3, 8, 15]
/** Net terms of invoices sent for manual payment. */
export const DAYS_UNTIL_DUE = 30

export interface DraftInvoice {
  createdMs: number
  /** Service period of the line (dates, inclusive start, exclusive end). */
  serviceStart: string
  serviceEnd: string
  quantity: number
  /** Seats before a mid-period change (`subscription_update`): its proration credit line. */
  previousQuantity?: number
  /** That credit line's (negative) amount; `amount` is the charge for the new seats plus it. */
  credit?: number
  amount: number
  reason: 'subscription_create' | 'subscription_cycle' | 'subscription_update'
  status: 'paid' | 'open' | 'uncollectible'
  attempts: number
  paidMs: number | null
  dueMs: number | null
  nextAttemptMs: number | null
  uncollectibleMs: number | null
}

/** How an account pays: most pay yearly; small accounts often monthly by card. */
export function billingTerms(random: Random, account: ModelAccount) {
  const yearly = { enterprise: 0.95, 'mid-market': 0.75, smb: 0.45 }[account.plan.segment]
  const interval: Interval = random.chance(yearly) ? 'year' : 'month'
  const invoiced =
    interval === 'year' && (account.plan.segment === 'enterprise' || random.chance(0.5))
  const collection: Collection = invoiced ? 'send_invoice' : 'charge_automatically'
  return { interval, collection }
}

/** ARR of the won contracts covering `date`. */
export function arrOn(account: ModelAccount, date: string): number {
  return account.contracts.deals
    .filter((d) => d.won && d.start <= date && d.end >= date)
    .reduce((sum, d) => sum + d.amount, 0)
}

/** Billing dates since the customer started, anchored on its first day. */
export function billingDates(account: ModelAccount, interval: Interval, until: string): string[] {
  const dates: string[] = []
  const since = account.contracts.customerSince
  for (let n = 0; ; n++) {
    const date = interval === 'year' ? addYears(since, n) : addMonths(since, n)
    if (date > until) return dates
    dates.push(date)
  }
}

/**
 * The account's invoices of the last year: one per billing period at the seats its contracts
 * buy, plus a prorated invoice when an annual payer's upsell starts mid-year. Unhealthy
 * accounts' card payments fail more and recover less; their sent invoices run past due.
 */
export function draftInvoices(
  random: Random,
  account: ModelAccount,
  price: StripePrice,
  terms: { interval: Interval; collection: Collection },
  nowMs: number,
  asOf: string,
): DraftInvoice[] {
  const sick = 1 - account.plan.health
  const last = account.churnDate ? addDays(account.churnDate, -1) : asOf
  const windowStart = addDays(asOf, -INVOICE_WINDOW_DAYS)
  const dates = billingDates(account, terms.interval, last)
  const next = (date: string) =>
    terms.interval === 'year' ? addYears(date, 1) : addMonths(date, 1)
  const unit = price.unit_amount
  const drafts: DraftInvoice[] = []
  dates.forEach((date, n) => {
    if (date < windowStart) return
    const quantity = seatsFor(arrOn(account, date), price, terms.interval)
    drafts.push(
      draft(
        date,
        next(date),
        quantity,
        quantity * unit,
        n === 0 ? 'subscription_create' : 'subscription_cycle',
      ),
    )
  })
  const upsell = account.contracts.deals.find((d) => d.kind === 'Upsell')
  if (upsell && terms.interval === 'year' && upsell.start >= windowStart && upsell.start <= last) {
    const periodStart = dates.filter((d) => d <= upsell.start).at(-1)!
    const seats = seatsFor(arrOn(account, upsell.start), price, 'year')
    const before = seatsFor(arrOn(account, addDays(upsell.start, -1)), price, 'year')
    const remaining = daysBetween(upsell.start, next(periodStart)) / 365
    if (seats > before) {
      // Stripe prorates a quantity change as a credit for the unused time on the old quantity
      // and a charge for the remaining time on the new one (two lines, see generator-invoice).
      const credit = -Math.round(before * unit * remaining)
      const amount = Math.round(seats * unit * remaining) + credit
      drafts.push({
        ...draft(upsell.start, next(periodStart), seats, amount, 'subscription_update'),
        previousQuantity: before,
        credit,
      })
    }
  }
  return drafts.sort((a, b) => a.createdMs - b.createdMs)

  function draft(
    start: string,
    end: string,
    quantity: number,
    amount: number,
    reason: DraftInvoice['reason'],
  ): DraftInvoice {
    const createdMs = at(start, random.int(3_600, 10_800))
    const recent = nowMs - createdMs < 120 * DAY_MS
    const worse =
      recent && (account.plan.looksLike === 'churn' || account.plan.looksLike === 'contract')
    const pProblem = Math.min(0.9, (0.02 + 0.35 * sick * sick) * (worse ? 1.5 : 1))
    const base = { createdMs, serviceStart: start, serviceEnd: end, quantity, amount, reason }
    const none = { paidMs: null, nextAttemptMs: null, uncollectibleMs: null }
    if (terms.collection === 'send_invoice') {
      const dueMs = createdMs + DAYS_UNTIL_DUE * DAY_MS
      const late = random.chance(pProblem)
      const paidMs = dueMs + (late ? random.int(5, 60) : -random.int(2, 28)) * DAY_MS
      if (paidMs <= nowMs) return { ...base, ...none, status: 'paid', attempts: 1, paidMs, dueMs }
      return { ...base, ...none, status: 'open', attempts: 0, dueMs }
    }
    const fails = random.chance(pProblem)
    const recoverAt = fails
      ? random.chance(0.2 + 0.6 * account.plan.health)
        ? random.int(1, 3)
        : 4
      : 0
    const tried = RETRY_DAYS.filter((d) => createdMs + d * DAY_MS <= nowMs).length
    if (recoverAt < 4 && recoverAt < tried) {
      const paidMs = createdMs + RETRY_DAYS[recoverAt]! * DAY_MS + 3_600_000
      return { ...base, ...none, status: 'paid', attempts: recoverAt + 1, paidMs, dueMs: null }
    }
    const nextAttemptMs = tried < RETRY_DAYS.length ? createdMs + RETRY_DAYS[tried]! * DAY_MS : null
    // After the last retry the subscription settings mark the invoice uncollectible.
    if (nextAttemptMs === null && nowMs - createdMs > 45 * DAY_MS) {
      const uncollectibleMs = createdMs + 45 * DAY_MS
      return {
        ...base,
        ...none,
        status: 'uncollectible',
        attempts: tried,
        dueMs: null,
        uncollectibleMs,
      }
    }
    return { ...base, ...none, status: 'open', attempts: tried, dueMs: null, nextAttemptMs }
  }
}
