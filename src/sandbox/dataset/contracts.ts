import type { AccountPlan } from './account-plan.js'
import { addDays, addYears, at, daysBetween } from './dates.js'
import type { Trajectory } from './ground-truth-schema.js'
import type { Random } from './random.js'

/** Stages in Salesforce's default sales process; the HubSpot renderer maps them. */
export type DealStage =
  'Closed Won' | 'Closed Lost' | 'Negotiation/Review' | 'Proposal/Price Quote' | 'Needs Analysis'

/** One opportunity of the account's history; amounts are annual contract values. */
export interface Deal {
  kind: 'New Business' | 'Renewal' | 'Upsell'
  stage: DealStage
  closed: boolean
  won: boolean
  amount: number
  probability: number
  closeDate: string
  /** The contract term the deal buys (inclusive), or would buy if still open. */
  start: string
  end: string
  /** New business is sold by an AE; renewals and upsells belong to the account's CSM. */
  soldBy: 'ae' | 'csm'
  createdMs: number
  modifiedMs: number
}

export interface ContractHistory {
  deals: Deal[]
  customerSince: string
  /** Running term on `asOf`; for a former customer, the term it did not renew. */
  termStart: string
  termEnd: string
  /** ARR of the closed-won contracts running on `asOf` (0 once churned). */
  arr: number
}

/**
 * Win probability the account team sets on the open renewal: reps read what they see (the
 * account's look, not its fate) and lean optimistic.
 */
const RENEWAL_PROBABILITY: Record<Trajectory, [number, number]> = {
  churn: [30, 80],
  contract: [50, 90],
  stable: [60, 95],
  expand: [70, 100],
}

/** ARR change at the last renewal: contraction foreshadows churn. */
const LAST_RENEWAL_CHANGE: Record<Trajectory, [number, number]> = {
  churn: [0.6, 0.95],
  contract: [0.6, 0.85],
  stable: [0.97, 1.06],
  expand: [1.1, 1.45],
}

/** What the open renewal is quoted at, relative to today's ARR. */
const RENEWAL_QUOTE: Record<Trajectory, [number, number]> = {
  churn: [0.7, 1],
  contract: [0.7, 0.9],
  stable: [0.98, 1.05],
  expand: [1.05, 1.3],
}

/** Open renewals exist from this many days before the term ends. */
export const RENEWAL_WINDOW_DAYS = 120

const round100 = (n: number) => Math.round(n / 100) * 100

/**
 * The account's contract history: New Business, then Renewals each term (annual; some
 * enterprise two- or three-yearly), each Closed Won with its term; a co-termed Upsell for some
 * expanders; an open Renewal when the term ends within 120 days; a Closed Lost renewal for
 * accounts already gone.
 */
export function contractHistory(random: Random, asOf: string, plan: AccountPlan): ContractHistory {
  const { segment, trajectory, churned } = plan
  const termYears =
    segment === 'enterprise'
      ? random.weighted([
          [1, 0.7],
          [2, 0.2],
          [3, 0.1],
        ] as const)
      : 1
  const [minChange, maxChange] = LAST_RENEWAL_CHANGE[trajectory]
  const lastChange = random.between(minChange, maxChange)
  // Renewal dates spread over the term ahead; former customers left within the last year.
  const termStart = addDays(asOf, -random.int(0, churned ? 364 : termYears * 365 - 1))
  const termEnd = addDays(addYears(termStart, termYears), -1)
  const maxTenure = termYears > 1 ? 2 : segment === 'smb' ? 2 : 4
  const tenure = random.int(churned ? 1 : 0, Math.max(churned ? 1 : 0, maxTenure))
  const starts = Array.from({ length: tenure + 1 }, (_, k) =>
    addYears(termStart, -(tenure - k) * termYears),
  )
  const arrAt = (k: number) =>
    k === tenure
      ? plan.termArr
      : round100(plan.termArr / lastChange / (1 + 0.04 * (tenure - 1 - k)))
  const workTime = (date: string) => at(date, random.int(28_800, 64_800))
  const deals: Deal[] = []
  const deal = (fields: Omit<Deal, 'createdMs' | 'modifiedMs'>) => {
    const close = fields.closeDate
    deals.push({
      ...fields,
      createdMs: workTime(addDays(close, -random.int(20, 90))),
      // Never on the as-of day itself: a stamp later than the moment the dataset is served
      // would hide changes made after it from every incremental read.
      modifiedMs: workTime(close < asOf ? close : addDays(asOf, -random.int(1, 20))),
    })
  }

  starts.forEach((start, k) => {
    const lost = churned && k === tenure
    deal({
      kind: k === 0 ? 'New Business' : 'Renewal',
      stage: lost ? 'Closed Lost' : 'Closed Won',
      closed: true,
      won: !lost,
      amount: arrAt(k),
      probability: lost ? 0 : 100,
      closeDate: addDays(start, -1),
      start,
      end: addDays(addYears(start, termYears), -1),
      soldBy: k === 0 ? 'ae' : 'csm',
    })
  })

  let arr = churned ? 0 : plan.termArr
  const daysIntoTerm = daysBetween(termStart, asOf)
  if (!churned && trajectory === 'expand' && daysIntoTerm > 30 && random.chance(0.5)) {
    const upsellStart = addDays(termStart, random.int(30, Math.min(300, daysIntoTerm)))
    const upsell = round100(plan.termArr * random.between(0.1, 0.3))
    arr += upsell
    deal({
      kind: 'Upsell',
      stage: 'Closed Won',
      closed: true,
      won: true,
      amount: upsell,
      probability: 100,
      closeDate: addDays(upsellStart, -1),
      start: upsellStart,
      end: termEnd,
      soldBy: 'csm',
    })
  }

  if (!churned && daysBetween(asOf, termEnd) <= RENEWAL_WINDOW_DAYS) {
    // One account team in four has not updated its renewal since the quote went out.
    const [pMin, pMax] = random.chance(1 / 4) ? [20, 95] : RENEWAL_PROBABILITY[plan.looksLike]
    const probability = Math.round(random.between(pMin, pMax) / 5) * 5
    const [qMin, qMax] = RENEWAL_QUOTE[plan.looksLike]
    const next = addDays(termEnd, 1)
    deal({
      kind: 'Renewal',
      stage:
        probability >= 80
          ? 'Negotiation/Review'
          : probability >= 50
            ? 'Proposal/Price Quote'
            : 'Needs Analysis',
      closed: false,
      won: false,
      amount: round100(arr * random.between(qMin, qMax)),
      probability,
      closeDate: termEnd,
      start: next,
      end: addDays(addYears(next, 1), -1),
      soldBy: 'csm',
    })
  }
  return { deals, customerSince: starts[0]!, termStart, termEnd, arr }
}
