import { z } from 'zod'
import { onboardingSettingsSchema } from '../onboarding/settings.js'
import { surveySettingsSchema } from '../surveys/settings.js'
import { renewalForecastSettingsSchema } from './forecast-settings.js'
import { retentionSettingsSchema } from './settings.js'

/**
 * `model.metrics` in the config: retention, the renewal forecast, survey metrics, and onboarding
 * (first value and completion).
 */
export const metricsSettingsSchema = z
  .object({
    retention: retentionSettingsSchema.prefault({}),
    forecast: renewalForecastSettingsSchema.prefault({}),
    surveys: surveySettingsSchema.prefault({}),
    onboarding: onboardingSettingsSchema.prefault({}),
  })
  .strict()

export type MetricsSettings = z.infer<typeof metricsSettingsSchema>
