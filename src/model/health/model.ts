import type { AccountSignals } from '../signals.js'
import type { HealthComponentName, HealthSettings } from '../settings.js'
import {
  healthBand,
  healthStatus,
  type BandThresholds,
  type HealthBand,
  type HealthStatus,
} from './bands.js'
import { binScore } from './bins.js'
import { configuredMeasures, type Measure } from './measures.js'

export const HEALTH_MODEL_VERSION = 'cs360-v2'

export interface MeasureResult {
  name: string
  value: number
  score: number
  reason: string
}

export interface HealthComponent {
  name: HealthComponentName
  weight: number
  /** 0–100, or null when no measure of it has data for the account (left out, re-weighted). */
  score: number | null
  reason: string
  measures: MeasureResult[]
}

export interface HealthResult {
  score: number
  band: HealthBand
  /** 003's Green/Yellow/Red roll-up. */
  status: HealthStatus
  components: HealthComponent[]
  modelVersion: string
  /**
   * Share of the configured weight that had data, measure by measure (1: every measure of every
   * component observed): a component whose NPS is missing counts for half its weight.
   */
  observedWeight: number
  /** Components left out for lack of data, and why. */
  missing: string[]
  /** The measures that moved the score most, as sentences a CSM acts on. */
  drivers: string[]
}

/** What the compute step needs from a health model; the registry picks one by name. */
export interface HealthModel {
  version: string
  score(signals: AccountSignals, settings: HealthSettings): HealthResult
}

const COMPONENTS: HealthComponentName[] = [
  'usage',
  'engagement',
  'relationship',
  'support',
  'growth',
]

const WHY_MISSING: Record<HealthComponentName, string> = {
  usage: 'no product analytics linked to this account',
  engagement: 'no product analytics linked to this account',
  relationship: 'no CRM activity logged',
  support: 'no support organization linked to this account',
  growth: 'no revenue or usage history to compare with yet',
}

/**
 * The domain's health score (004): Σ(component × weight) over product usage, engagement,
 * relationship, support and growth, each the weighted mean of its measures that have data.
 * Components without data are left out and their weight spread over the rest, never scored 0.
 */
export function scoreHealth(signals: AccountSignals, settings: HealthSettings): HealthResult {
  const measures = configuredMeasures(settings)
  const components = COMPONENTS.map((name) =>
    scoreComponent(name, settings.weights[name], signals, measures),
  )
  const { score, band } = weightedHealth(components, settings.bands)
  const total = components.reduce((sum, c) => sum + c.weight, 0)
  const observed = components.reduce((sum, c) => sum + c.weight * observedShare(c, measures), 0)
  return {
    score,
    band,
    status: healthStatus(score, settings.status),
    components,
    modelVersion: HEALTH_MODEL_VERSION,
    observedWeight: total === 0 ? 0 : Math.round((observed / total) * 1000) / 1000,
    missing: components
      .filter((c) => c.score === null && c.weight > 0)
      .map((c) => `${c.name}: ${c.reason}`),
    drivers: drivers(components, measures),
  }
}

export const cs360HealthModel: HealthModel = { version: HEALTH_MODEL_VERSION, score: scoreHealth }

function scoreComponent(
  name: HealthComponentName,
  weight: number,
  signals: AccountSignals,
  all: readonly Measure[],
): HealthComponent {
  const measures = all
    .filter((m) => m.component === name && m.weight > 0)
    .flatMap((m) => measure(m, signals))
  if (measures.length === 0)
    return { name, weight, score: null, reason: WHY_MISSING[name], measures }
  const weightOf = (r: MeasureResult) => all.find((m) => m.name === r.name)!.weight
  const total = measures.reduce((sum, r) => sum + weightOf(r), 0)
  const score = measures.reduce((sum, r) => sum + r.score * weightOf(r), 0) / total
  return {
    name,
    weight,
    score: Math.round(score * 10) / 10,
    reason: measures.map((r) => r.reason).join('; '),
    measures,
  }
}

/** The part of a component's measure weight whose measures had data (0 when none did). */
function observedShare(component: HealthComponent, all: readonly Measure[]): number {
  const configured = all.filter((m) => m.component === component.name && m.weight > 0)
  const total = configured.reduce((sum, m) => sum + m.weight, 0)
  if (total === 0) return 0
  const seen = new Set(component.measures.map((r) => r.name))
  return configured.filter((m) => seen.has(m.name)).reduce((sum, m) => sum + m.weight, 0) / total
}

function measure(m: Measure, signals: AccountSignals): MeasureResult[] {
  const value = m.value(signals)
  if (value === null || Number.isNaN(value)) return []
  return [
    { name: m.name, value, score: binScore(value, m.bins), reason: m.describe(value, signals) },
  ]
}

/**
 * Up to three measures whose distance from a middling 60 weighs most in the total: the reasons a
 * CSM reads first. Problems (scores under 60) come before strengths.
 */
function drivers(components: HealthComponent[], all: readonly Measure[]): string[] {
  const scored = components.filter((c) => c.score !== null)
  const total = scored.reduce((sum, c) => sum + c.weight, 0)
  if (total === 0) return []
  const impacts = scored.flatMap((c) => {
    const measureTotal = c.measures.reduce(
      (sum, r) => sum + all.find((m) => m.name === r.name)!.weight,
      0,
    )
    return c.measures.map((r) => ({
      reason: r.reason,
      problem: r.score < 60,
      impact:
        (c.weight / total) *
        (all.find((m) => m.name === r.name)!.weight / measureTotal) *
        Math.abs(r.score - 60),
    }))
  })
  return impacts
    .filter((i) => i.impact > 0)
    .sort((a, b) => Number(b.problem) - Number(a.problem) || b.impact - a.impact)
    .slice(0, 3)
    .map((i) => i.reason)
}

/** Σ(component × weight) over the components with data, renormalized to their total weight. */
export function weightedHealth(
  components: Pick<HealthComponent, 'score' | 'weight'>[],
  bands?: BandThresholds,
): {
  score: number
  band: HealthBand
} {
  const scored = components.filter((c) => c.score !== null && c.weight > 0)
  const totalWeight = scored.reduce((sum, c) => sum + c.weight, 0)
  const raw =
    totalWeight === 0 ? 0 : scored.reduce((sum, c) => sum + c.score! * c.weight, 0) / totalWeight
  const score = Math.round(raw * 10) / 10
  return { score, band: healthBand(score, bands) }
}
