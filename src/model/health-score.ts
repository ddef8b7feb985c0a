import type { CrmSignals } from './crm-signals.js'
import { healthBand, type HealthBand } from './health-bands.js'
import type { HealthComponentName, HealthWeights } from './settings.js'

export const HEALTH_MODEL_VERSION = 'crm-v1'

export interface HealthComponent {
  name: HealthComponentName
  weight: number
  /** 0–100, or null when this install has no data for it (left out of the weighted sum). */
  score: number | null
  reason: string
}

export interface HealthResult {
  score: number
  band: HealthBand
  components: HealthComponent[]
  modelVersion: string
}

/**
 * Bins in the style of the domain's scoring step ("For each component, score 0-100"): recent
 * touchpoints mean an engaged account; more than two months of silence is as bad as none.
 */
export function engagementScore(daysSinceLastActivity: number | null): number {
  if (daysSinceLastActivity === null) return 20
  if (daysSinceLastActivity <= 7) return 100
  if (daysSinceLastActivity <= 14) return 80
  if (daysSinceLastActivity <= 30) return 60
  if (daysSinceLastActivity <= 60) return 40
  return 20
}

/** Year-over-year ARR change: expansion scores high, contraction low. */
export function growthScore(arr: number, arrYearAgo: number): number | null {
  if (arrYearAgo <= 0) return null
  const change = (arr - arrYearAgo) / arrYearAgo
  if (change >= 0.2) return 100
  if (change >= 0.05) return 80
  if (change > -0.05) return 60
  if (change > -0.2) return 40
  return 20
}

/**
 * First health model: the three components a CRM can feed (engagement from activity recency,
 * relationship from the account team's renewal confidence, growth from ARR trend). Usage and
 * support arrive with the analytics and support connectors; until then their weight is
 * redistributed over the components that have data.
 */
export function scoreCrmHealth(signals: CrmSignals, weights: HealthWeights): HealthResult {
  const components: HealthComponent[] = [
    {
      name: 'usage',
      weight: weights.usage,
      score: null,
      reason: 'no product analytics connector configured',
    },
    {
      name: 'engagement',
      weight: weights.engagement,
      score: engagementScore(signals.daysSinceLastActivity),
      reason:
        signals.daysSinceLastActivity === null
          ? 'no activity logged in the CRM'
          : `last CRM activity ${signals.daysSinceLastActivity} days ago`,
    },
    {
      name: 'relationship',
      weight: weights.relationship,
      score: signals.renewalProbability,
      reason:
        signals.renewalProbability === null
          ? 'no open renewal opportunity'
          : `renewal probability ${signals.renewalProbability}%`,
    },
    {
      name: 'support',
      weight: weights.support,
      score: null,
      reason: 'no support connector configured',
    },
    {
      name: 'growth',
      weight: weights.growth,
      score: growthScore(signals.arr, signals.arrYearAgo),
      reason:
        signals.arrYearAgo > 0
          ? `ARR ${signals.arr} vs ${signals.arrYearAgo} a year ago`
          : 'customer for less than a year',
    },
  ]
  return { ...weightedHealth(components), components, modelVersion: HEALTH_MODEL_VERSION }
}

/** Σ(component × weight) over the components with data, renormalized to their total weight. */
export function weightedHealth(components: HealthComponent[]): { score: number; band: HealthBand } {
  const scored = components.filter((c) => c.score !== null && c.weight > 0)
  const totalWeight = scored.reduce((sum, c) => sum + c.weight, 0)
  const raw =
    totalWeight === 0 ? 0 : scored.reduce((sum, c) => sum + c.score! * c.weight, 0) / totalWeight
  const score = Math.round(raw * 10) / 10
  return { score, band: healthBand(score) }
}
