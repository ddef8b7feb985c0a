import type { Stream } from '../types.js'
import type { AmplitudeConfig } from './config.js'
import { mapUsageRecord } from './mapping.js'
import { sourceAccountsTarget, surveyResponsesTarget, usageDailyTarget } from './targets.js'
import { readUsage } from './usage-read.js'

/**
 * Product usage per customer account and UTC day, from the Export API hour by hour; the
 * accounts it names land in source_accounts for identity resolution, and in-app survey answers
 * (`surveys`) in survey_responses: one export read serves all three.
 */
export const usageStream: Stream<AmplitudeConfig> = {
  name: 'usage',
  targets: [usageDailyTarget, sourceAccountsTarget, surveyResponsesTarget],
  read: (ctx, from) => readUsage(ctx, from),
  map: (raw, ctx) => mapUsageRecord(raw, ctx.config),
  // One Export API request may span 365 days, as much as a sync ever reads at once.
  minimumRequests: () => 1,
}
