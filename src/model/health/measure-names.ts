/**
 * The health model's measures, by the name the config uses to re-weight or re-bin them
 * (`model.health.measures.<name>`). Kept apart from their definitions so the config schema
 * can name them without loading the model.
 */
export const MEASURE_NAMES = [
  'loginFrequency',
  'featureBreadth',
  'usageDepth',
  'stickiness',
  'activeDays',
  'seatActivation',
  'touchRecency',
  'npsScore',
  'volumeTrend',
  'urgentTickets',
  'resolutionSatisfaction',
  'userGrowth',
  'usageGrowth',
  'arrGrowth',
  'revenueGrowth',
  'paymentHealth',
] as const

export type MeasureName = (typeof MEASURE_NAMES)[number]
