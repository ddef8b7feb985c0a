import { classifyMovement, type AccountMrrChange } from './movement.js'

/** A period's MRR movements summed over accounts, and the logos behind them. */
export interface RetentionTotals {
  /** MRR of the starting cohort: the accounts paying at the period's start. */
  startingMrr: number
  expansionMrr: number
  contractionMrr: number
  churnedMrr: number
  /** Accounts outside the starting cohort: first-time and returning customers. */
  newMrr: number
  reactivationMrr: number
  /** MRR of every account paying at the end, cohort or not. */
  endingMrr: number
  startingLogos: number
  retainedLogos: number
  churnedLogos: number
  newLogos: number
  reactivatedLogos: number
}

/** Percentages as 004 states them (107 for 107%); null when no account paid at the start. */
export interface RetentionRates {
  nrr: number | null
  grr: number | null
  logoRetention: number | null
}

export type RevenueMovements = Pick<
  RetentionTotals,
  'startingMrr' | 'expansionMrr' | 'contractionMrr' | 'churnedMrr'
>

/** 004: NRR = (Starting MRR + Expansion − Contraction − Churn) / Starting MRR × 100. */
export function netRevenueRetention(m: RevenueMovements): number | null {
  if (m.startingMrr <= 0) return null
  return ((m.startingMrr + m.expansionMrr - m.contractionMrr - m.churnedMrr) * 100) / m.startingMrr
}

/**
 * 004: GRR = (Starting MRR − Contraction − Churn) / Starting MRR × 100. Expansion never
 * counts, so GRR is at most 100%: what the base kept, not what it grew to.
 */
export function grossRevenueRetention(m: RevenueMovements): number | null {
  if (m.startingMrr <= 0) return null
  return ((m.startingMrr - m.contractionMrr - m.churnedMrr) * 100) / m.startingMrr
}

/** Customers of the starting cohort still paying at the end, as a share of the cohort. */
export function logoRetention(startingLogos: number, retainedLogos: number): number | null {
  if (startingLogos <= 0) return null
  return (retainedLogos * 100) / startingLogos
}

export function retentionRates(totals: RetentionTotals): RetentionRates {
  return {
    nrr: netRevenueRetention(totals),
    grr: grossRevenueRetention(totals),
    logoRetention: logoRetention(totals.startingLogos, totals.retainedLogos),
  }
}

/** Sums the accounts' movements over one period. */
export function retentionTotals(changes: readonly AccountMrrChange[]): RetentionTotals {
  const totals: RetentionTotals = {
    startingMrr: 0,
    expansionMrr: 0,
    contractionMrr: 0,
    churnedMrr: 0,
    newMrr: 0,
    reactivationMrr: 0,
    endingMrr: 0,
    startingLogos: 0,
    retainedLogos: 0,
    churnedLogos: 0,
    newLogos: 0,
    reactivatedLogos: 0,
  }
  for (const change of changes) {
    const movement = classifyMovement(change)
    if (movement === null) continue
    const { startMrr, endMrr } = change
    totals.endingMrr += Math.max(0, endMrr)
    if (movement === 'new' || movement === 'reactivation') {
      if (movement === 'new') {
        totals.newMrr += endMrr
        totals.newLogos += 1
      } else {
        totals.reactivationMrr += endMrr
        totals.reactivatedLogos += 1
      }
      continue
    }
    totals.startingMrr += startMrr
    totals.startingLogos += 1
    if (movement === 'churn') {
      totals.churnedMrr += startMrr
      totals.churnedLogos += 1
      continue
    }
    totals.retainedLogos += 1
    if (movement === 'expansion') totals.expansionMrr += endMrr - startMrr
    if (movement === 'contraction') totals.contractionMrr += startMrr - endMrr
  }
  return totals
}
