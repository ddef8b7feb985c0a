import { cs360HealthModel, type HealthModel } from './model.js'

/**
 * Health models by name (`model.health.model` in the config). The compute step takes its model
 * from here, so a new scorecard is a new entry, not a change to the activity.
 */
export const healthModels: Readonly<Record<string, HealthModel>> = {
  [cs360HealthModel.version]: cs360HealthModel,
}

export const DEFAULT_HEALTH_MODEL = cs360HealthModel.version
