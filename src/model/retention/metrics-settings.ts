import { z } from 'zod'
import { surveySettingsSchema } from '../surveys/settings.js'
import { renewalForecastSettingsSchema } from './forecast-settings.js'
import { retentionSettingsSchema } from './settings.js'

/** `model.metrics` in the config: retention, the renewal forecast and survey metrics. */
export const metricsSettingsSchema = z
  .object({
    retention: retentionSettingsSchema.prefault({}),
    forecast: renewalForecastSettingsSchema.prefault({}),
    surveys: surveySettingsSchema.prefault({}),
  })
  .strict()

export type MetricsSettings = z.infer<typeof metricsSettingsSchema>
