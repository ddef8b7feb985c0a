import type { AccountSignals } from '../signals.js'
import type { HealthComponentName, HealthSettings } from '../settings.js'
import type { MeasureName } from './measure-names.js'
import { change, percent, type Bin } from './bins.js'

/**
 * One scored input of a health component, following the domain's breakdown (004 "Building a
 * Health Score": login frequency, feature breadth and usage depth under product usage …).
 * `value` is null when the source it needs is not linked for the account: the measure's weight
 * then goes to the measures that have data.
 */
export interface Measure {
  component: HealthComponentName
  name: MeasureName
  /** Weight inside its component, from 004's sub-weights. */
  weight: number
  value(signals: AccountSignals): number | null
  /** 0–100 for a value: the first bin (highest `min` first) the value reaches. */
  bins: readonly Bin[]
  /** The measure as a CSM would say it. */
  describe(value: number, signals: AccountSignals): string
}

/** 004's login-frequency bins: 0–1 a month 20, 2–4 40, 5–10 60, 11–20 80, more 100. */
const LOGIN_BINS: Bin[] = [
  { min: 20, score: 100 },
  { min: 11, score: 80 },
  { min: 5, score: 60 },
  { min: 2, score: 40 },
  { min: 0, score: 20 },
]
/** Growth: expansion scores high, contraction low (ratio of change). */
const GROWTH_BINS: Bin[] = [
  { min: 0.2, score: 100 },
  { min: 0.05, score: 80 },
  { min: -0.05, score: 60 },
  { min: -0.2, score: 40 },
  { min: -Infinity, score: 20 },
]
/** 004's CSAT table: over 90% excellent, 80–90 good, 70–80 below average, under 70 poor. */
const CSAT_BINS: Bin[] = [
  { min: 0.9, score: 100 },
  { min: 0.8, score: 80 },
  { min: 0.7, score: 60 },
  { min: 0.5, score: 40 },
  { min: 0, score: 20 },
]

/**
 * 004's NPS benchmarks: above 70 excellent, 50–70 great, 30–50 good, 0–30 below average, under 0
 * critical (more detractors than promoters).
 */
const NPS_BINS: Bin[] = [
  { min: 70, score: 100 },
  { min: 50, score: 80 },
  { min: 30, score: 60 },
  { min: 0, score: 40 },
  { min: -Infinity, score: 20 },
]

const perUser = (total: number, users: number) => (users > 0 ? total / users : 0)
/** A change from nothing counts as doubling, so a first ticket or a first user moves the score. */
const trend = (now: number, before: number) => change(now, before) ?? (now > 0 ? 1 : 0)
const signed = (ratio: number, noun: string) =>
  ratio === 0 ? `${noun} flat` : `${noun} ${ratio > 0 ? 'up' : 'down'} ${percent(ratio)}`

export const MEASURES: readonly Measure[] = [
  {
    component: 'usage',
    name: 'loginFrequency',
    weight: 10,
    value: (s) => (s.usage ? perUser(s.usage.sessions30d, s.usage.activeUsers30d) : null),
    bins: LOGIN_BINS,
    describe: (v, s) =>
      s.usage!.activeUsers30d === 0
        ? 'Nobody used the product in the last 30 days'
        : `${v.toFixed(1)} logins per active user in the last 30 days`,
  },
  {
    component: 'usage',
    name: 'featureBreadth',
    weight: 10,
    value: (s) => s.usage?.featuresUsed30d ?? null,
    bins: [
      { min: 7, score: 100 },
      { min: 5, score: 80 },
      { min: 3, score: 60 },
      { min: 2, score: 40 },
      { min: 0, score: 20 },
    ],
    describe: (v) => `${v} feature${v === 1 ? '' : 's'} used in the last 30 days`,
  },
  {
    component: 'usage',
    name: 'usageDepth',
    weight: 10,
    value: (s) => (s.usage ? perUser(s.usage.events30d, s.usage.activeUsers30d) : null),
    bins: [
      { min: 120, score: 100 },
      { min: 60, score: 80 },
      { min: 30, score: 60 },
      { min: 10, score: 40 },
      { min: 0, score: 20 },
    ],
    describe: (v) => `${Math.round(v)} actions per active user in the last 30 days`,
  },
  {
    component: 'engagement',
    name: 'stickiness',
    weight: 10,
    value: (s) => (s.usage ? perUser(s.usage.averageDailyUsers30d, s.usage.activeUsers30d) : null),
    bins: [
      { min: 0.5, score: 100 },
      { min: 0.3, score: 80 },
      { min: 0.2, score: 60 },
      { min: 0.1, score: 40 },
      { min: 0, score: 20 },
    ],
    describe: (v) => `DAU/MAU ${percent(v)}`,
  },
  {
    component: 'engagement',
    name: 'activeDays',
    weight: 10,
    value: (s) => s.usage?.activeDays30d ?? null,
    bins: [
      { min: 20, score: 100 },
      { min: 12, score: 80 },
      { min: 6, score: 60 },
      { min: 2, score: 40 },
      { min: 0, score: 20 },
    ],
    describe: (v) => `Active on ${v} of the last 30 days`,
  },
  {
    component: 'engagement',
    name: 'seatActivation',
    weight: 5,
    value: (s) => (s.usage && s.billing?.seats ? s.usage.activeUsers30d / s.billing.seats : null),
    bins: [
      { min: 0.8, score: 100 },
      { min: 0.6, score: 80 },
      { min: 0.4, score: 60 },
      { min: 0.2, score: 40 },
      { min: 0, score: 20 },
    ],
    describe: (_v, s) =>
      `${s.usage!.activeUsers30d} of ${s.billing!.seats} paid seats active in the last 30 days`,
  },
  {
    component: 'relationship',
    name: 'touchRecency',
    weight: 10,
    // Days since the CRM logged a call, meeting or e-mail, negated so that bins read "at least".
    value: (s) =>
      s.crm.daysSinceLastActivity === undefined ? null : -(s.crm.daysSinceLastActivity ?? Infinity),
    bins: [
      { min: -7, score: 100 },
      { min: -14, score: 80 },
      { min: -30, score: 60 },
      { min: -60, score: 40 },
      { min: -Infinity, score: 20 },
    ],
    describe: (_v, s) =>
      s.crm.daysSinceLastActivity === null
        ? 'No activity logged in the CRM'
        : `Last CRM activity ${s.crm.daysSinceLastActivity} days ago`,
  },
  {
    component: 'relationship',
    name: 'npsScore',
    // 004's relationship breakdown: NPS score 10 of 20, beside CSM sentiment and executive
    // engagement. Without answers in the window the measure has no data (never a 0).
    weight: 10,
    value: (s) => s.surveys?.nps ?? null,
    bins: NPS_BINS,
    describe: (v, s) => {
      const { npsRespondents: respondents, npsWindowDays } = s.surveys!
      const nps = Math.round(v)
      return `NPS ${nps > 0 ? '+' : ''}${nps} from ${respondents} respondent${respondents === 1 ? '' : 's'} in ${npsWindowDays} days`
    },
  },
  {
    component: 'support',
    name: 'volumeTrend',
    weight: 5,
    value: (s) => (s.support ? trend(s.support.tickets30d, s.support.ticketsPrior30d) : null),
    // A ticket spike is the trigger (003: "support tickets spike"); fewer tickets is good.
    bins: [
      { min: 1, score: 20 },
      { min: 0.5, score: 40 },
      { min: 0.25, score: 60 },
      { min: 0.01, score: 80 },
      { min: -Infinity, score: 100 },
    ],
    describe: (v, s) =>
      `${s.support!.tickets30d} tickets in the last 30 days (${signed(v, 'volume').replace('volume ', '')} vs the 30 before)`,
  },
  {
    component: 'support',
    name: 'urgentTickets',
    weight: 5,
    value: (s) => s.support?.urgentTickets30d ?? null,
    bins: [
      { min: 3, score: 20 },
      { min: 2, score: 40 },
      { min: 1, score: 60 },
      { min: 0, score: 100 },
    ],
    describe: (v) => `${v} urgent ticket${v === 1 ? '' : 's'} this month`,
  },
  {
    component: 'support',
    name: 'resolutionSatisfaction',
    weight: 5,
    value: (s) => {
      const answered = s.support ? s.support.csatGood90d + s.support.csatBad90d : 0
      return answered > 0 ? s.support!.csatGood90d / answered : null
    },
    bins: CSAT_BINS,
    describe: (v, s) =>
      `CSAT ${percent(v)} over ${s.support!.csatGood90d + s.support!.csatBad90d} answers in 90 days`,
  },
  {
    component: 'growth',
    name: 'userGrowth',
    weight: 5,
    value: (s) => (s.usage ? trend(s.usage.activeUsers30d, s.usage.activeUsersPrior30d) : null),
    bins: GROWTH_BINS,
    describe: (v) => `${signed(v, 'Active users')} vs the prior 30 days`,
  },
  {
    component: 'growth',
    name: 'usageGrowth',
    weight: 5,
    value: (s) => (s.usage ? trend(s.usage.events30d, s.usage.eventsPrior30d) : null),
    bins: GROWTH_BINS,
    describe: (v) => `${signed(v, 'Product activity')} vs the prior 30 days`,
  },
  {
    component: 'growth',
    name: 'arrGrowth',
    weight: 5,
    value: (s) => change(s.crm.arr, s.crm.arrYearAgo),
    bins: GROWTH_BINS,
    describe: (v) => `${signed(v, 'ARR')} vs a year ago`,
  },
  {
    component: 'growth',
    name: 'revenueGrowth',
    weight: 5,
    value: (s) => (s.billing ? change(s.billing.mrr, s.billing.mrrThreeMonthsAgo) : null),
    bins: GROWTH_BINS,
    describe: (v) => `${signed(v, 'MRR')} vs three months ago`,
  },
  {
    component: 'growth',
    name: 'paymentHealth',
    weight: 5,
    // 003 counts payment history among the business signals: failures and overdue invoices.
    value: (s) =>
      s.billing ? -(s.billing.failedPayments90d + 2 * s.billing.pastDueInvoices) : null,
    bins: [
      { min: 0, score: 100 },
      { min: -1, score: 60 },
      { min: -2, score: 40 },
      { min: -Infinity, score: 20 },
    ],
    describe: (_v, s) => {
      const { failedPayments90d: failed, pastDueInvoices: due } = s.billing!
      if (failed === 0 && due === 0) return 'Payments on time'
      return [
        failed > 0 && `${failed} failed payment${failed === 1 ? '' : 's'} in 90 days`,
        due > 0 && `${due} invoice${due === 1 ? '' : 's'} past due`,
      ]
        .filter(Boolean)
        .join(', ')
    },
  },
]

/** The measures with the config's weights and bins in place of the domain defaults. */
export function configuredMeasures(settings: Pick<HealthSettings, 'measures'>): Measure[] {
  return MEASURES.map((m) => {
    const override = settings.measures[m.name]
    return override
      ? { ...m, weight: override.weight ?? m.weight, bins: override.bins ?? m.bins }
      : m
  })
}
