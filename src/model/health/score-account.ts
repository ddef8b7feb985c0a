import { configError } from '../../errors.js'
import type { ModelSettings } from '../settings.js'
import type { AccountSignals } from '../signals.js'
import { tierOf, type TierFacts } from '../segments/tier.js'
import type { HealthModel, HealthResult } from './model.js'
import { healthModels } from './registry.js'
import { scorecardFor } from './scorecards.js'

/** The configured health model, or a config error naming the known ones. */
export function configuredHealthModel(settings: ModelSettings): HealthModel {
  const model = healthModels[settings.health.model]
  if (!model)
    throw configError(
      `model.health.model: no health model "${settings.health.model}"; known: ${Object.keys(healthModels).join(', ')}`,
    )
  return model
}

/**
 * One account's health under `settings`: its coverage tier picks the scorecard, the model scores
 * the signals with it. The sync's scoring and the back-test share this, so a back-tested config
 * scores exactly as it would in production.
 */
export function scoreAccount(
  model: HealthModel,
  settings: ModelSettings,
  facts: TierFacts,
  signals: AccountSignals,
): { tier: string; health: HealthResult } {
  const { tier } = tierOf(facts, settings.segments)
  return { tier, health: model.score(signals, scorecardFor(tier, settings.health).settings) }
}
