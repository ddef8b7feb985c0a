import { HEALTH_BANDS } from '../health/bands.js'
import type { RenewalForecastSettings } from '../retention/forecast-settings.js'
import { renewalProbabilityOf } from '../retention/renewal-forecast.js'
import { churnAuc } from './auc.js'
import type { BacktestAccount } from './outcomes.js'

export interface BandOutcomes {
  band: string
  accounts: number
  arr: number
  churned: number
  contracted: number
  /** Shares of the band's accounts whose outcome is known. */
  churnRate: number | null
  contractionRate: number | null
}

/** One probability bin of the renewal forecast against the renewals that were decided. */
export interface CalibrationRow {
  minHealth: number
  probability: number
  renewalsDue: number
  renewed: number
  /** Renewed ÷ due, by count and by ARR (renewed ARR capped at the ARR due: expansion aside). */
  renewalRate: number | null
  arrDue: number
  arrRenewed: number
  arrRenewalRate: number | null
}

export interface BacktestEvaluation {
  customers: number
  outcomes: Record<BacktestAccount['outcome'], number>
  /** Churn as the outcome: 0.5 a coin toss, 1 perfect. */
  aucChurn: number | null
  /** Churn or contraction as the outcome (revenue lost either way). */
  aucChurnOrContraction: number | null
  byBand: BandOutcomes[]
  calibration: CalibrationRow[]
  /** The forecast the config would have made for the renewals due, and what renewed. */
  forecastArr: number
  renewedArr: number
}

/**
 * How well scores computed on a past day predicted what happened next: ranking quality (AUC),
 * churn and contraction by band, and the renewal forecast's probabilities against the actual
 * renewal rates of the renewals decided in the horizon. Pending outcomes are left out.
 */
export function evaluateBacktest(
  accounts: readonly BacktestAccount[],
  forecast: Pick<RenewalForecastSettings, 'probabilityByHealth'>,
): BacktestEvaluation {
  const known = accounts.filter((a) => a.outcome !== 'pending')
  const outcomes = { churned: 0, contracted: 0, retained: 0, expanded: 0, pending: 0 }
  for (const a of accounts) outcomes[a.outcome] += 1
  const byBand = HEALTH_BANDS.map(({ band }): BandOutcomes => {
    const inBand = known.filter((a) => a.band === band)
    const count = (outcome: BacktestAccount['outcome']) =>
      inBand.filter((a) => a.outcome === outcome).length
    return {
      band,
      accounts: inBand.length,
      arr: sum(inBand.map((a) => a.arr)),
      churned: count('churned'),
      contracted: count('contracted'),
      churnRate: share(count('churned'), inBand.length),
      contractionRate: share(count('contracted'), inBand.length),
    }
  })
  const bins = forecast.probabilityByHealth
  const due = known.filter((a) => a.renewalDue && a.renewedArr !== null)
  const calibration = bins.map((bin, i): CalibrationRow => {
    const above = i === 0 ? Infinity : bins[i - 1]!.minHealth
    const inBin = due.filter(
      (a) => (a.score >= bin.minHealth || i === bins.length - 1) && a.score < above,
    )
    const renewed = inBin.filter((a) => a.renewedArr! > 0)
    const arrDue = sum(inBin.map((a) => a.arr))
    const arrRenewed = sum(inBin.map((a) => Math.min(a.arr, a.renewedArr!)))
    return {
      minHealth: bin.minHealth,
      probability: bin.probability,
      renewalsDue: inBin.length,
      renewed: renewed.length,
      renewalRate: share(renewed.length, inBin.length),
      arrDue,
      arrRenewed,
      arrRenewalRate: arrDue > 0 ? arrRenewed / arrDue : null,
    }
  })
  return {
    customers: accounts.length,
    outcomes,
    aucChurn: churnAuc(known.map((a) => ({ score: a.score, churned: a.outcome === 'churned' }))),
    aucChurnOrContraction: churnAuc(
      known.map((a) => ({
        score: a.score,
        churned: a.outcome === 'churned' || a.outcome === 'contracted',
      })),
    ),
    byBand,
    calibration,
    forecastArr: round2(sum(due.map((a) => a.arr * renewalProbabilityOf(a.score, bins)))),
    renewedArr: round2(sum(due.map((a) => Math.min(a.arr, a.renewedArr!)))),
  }
}

const sum = (values: number[]) => values.reduce((s, v) => s + v, 0)
const share = (part: number, whole: number) => (whole > 0 ? part / whole : null)
const round2 = (n: number) => Math.round(n * 100) / 100
