import type { RenewalForecastSettings } from '../retention/forecast-settings.js'

/** Where an open expansion opportunity's win probability comes from. */
export type StageBasis = 'crm' | 'configured' | 'unknown'

export interface OpenExpansion {
  /** Annual value the opportunity adds (its amount in the CRM). */
  amount: number
  stage: string
  /**
   * The probability the CRM holds, 0–100: Salesforce's Opportunity.Probability (set from the
   * stage unless someone overrides it), HubSpot's forecast probability or else its pipeline
   * stage's `probability`. Null when the CRM has none.
   */
  crmProbability: number | null
}

export interface ExpansionWeight {
  /** 0–1; null when no probability is known (the opportunity is reported unweighted). */
  probability: number | null
  basis: StageBasis
}

type StageProbabilities = RenewalForecastSettings['expansionStages']

/**
 * The weight of one open expansion opportunity: the CRM's probability where it knows one, else
 * the probability configured for its stage name (matched without regard to case; 004's
 * Expansion Forecasting stages by default), else none: its stage is unknown, and it counts in the
 * pipeline but not in the weighted pipeline rather than at a guessed probability.
 */
export function expansionWeight(
  opportunity: Pick<OpenExpansion, 'stage' | 'crmProbability'>,
  stages: StageProbabilities,
): ExpansionWeight {
  if (opportunity.crmProbability !== null)
    return { probability: opportunity.crmProbability / 100, basis: 'crm' }
  const stage = opportunity.stage.toLowerCase()
  const configured = Object.entries(stages).find(([name]) => name.toLowerCase() === stage)
  if (configured) return { probability: configured[1], basis: 'configured' }
  return { probability: null, basis: 'unknown' }
}

export interface ExpansionPipeline {
  opportunities: number
  /** Σ amount of every open expansion opportunity. */
  pipeline: number
  /** Σ amount × probability, over the opportunities whose probability is known. */
  weighted: number
  /** The opportunities with no known probability, and their amount (inside `pipeline`). */
  stageUnknown: { opportunities: number; amount: number }
}

/** An account's (or a quarter's) expansion pipeline, unweighted and weighted by stage. */
export function expansionPipeline(
  opportunities: readonly OpenExpansion[],
  stages: StageProbabilities,
): ExpansionPipeline {
  const result: ExpansionPipeline = {
    opportunities: 0,
    pipeline: 0,
    weighted: 0,
    stageUnknown: { opportunities: 0, amount: 0 },
  }
  for (const o of opportunities) {
    const { probability } = expansionWeight(o, stages)
    result.opportunities += 1
    result.pipeline += o.amount
    if (probability === null) {
      result.stageUnknown.opportunities += 1
      result.stageUnknown.amount += o.amount
    } else result.weighted += o.amount * probability
  }
  return result
}
