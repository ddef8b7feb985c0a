import type { CrmSignals } from './crm-signals.js'
import { HEALTH_MODEL_VERSION, scoreCrmHealth, type HealthResult } from './health-score.js'
import type { HealthWeights } from './settings.js'

/**
 * What the compute step needs from a health model. The CRM-only model is the first
 * implementation; the full model (usage and support signals from the analytics and support
 * connectors) replaces it without touching activities or workflows.
 */
export interface HealthModel<Signals> {
  version: string
  score(signals: Signals, weights: HealthWeights): HealthResult
}

export const crmHealthModel: HealthModel<CrmSignals> = {
  version: HEALTH_MODEL_VERSION,
  score: scoreCrmHealth,
}
