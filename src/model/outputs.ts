import { HEALTH_BANDS, HEALTH_STATUSES } from './health/bands.js'

/**
 * The customer-360 values cs360 can write onto a CRM account, and the kind of CRM field each
 * needs. Connector configs map each to a field of their own CRM; `cs360 check` and every sync
 * verify the mapped field can hold it before anything is written.
 */
export const WRITE_BACK_OUTPUT_KINDS = {
  /** 0–100 with one decimal. */
  healthScore: { kind: 'number', label: 'cs360 health score' },
  /** One of the bands' names. */
  healthBand: {
    kind: 'picklist',
    label: 'cs360 health band',
    options: HEALTH_BANDS.map((b) => b.band),
  },
  /** Currency units. */
  arr: { kind: 'number', label: 'cs360 ARR' },
  nextRenewalDate: { kind: 'date', label: 'cs360 next renewal' },
  /** 003's Green/Yellow/Red roll-up. */
  healthStatus: {
    kind: 'picklist',
    label: 'cs360 health status',
    options: HEALTH_STATUSES,
  },
  /** ARR × the renewal probability of the account's health (004's forecast table). */
  renewalForecastArr: { kind: 'number', label: 'cs360 renewal forecast ARR' },
  /**
   * The account's open expansion opportunities weighted by stage probability
   * (account_expansion_pipeline.weighted_arr); 0 without any.
   */
  expansionPipelineArr: { kind: 'number', label: 'cs360 expansion pipeline ARR (weighted)' },
  /** Whether the account's health puts its renewal at risk. */
  renewalRisk: {
    kind: 'picklist',
    label: 'cs360 renewal risk',
    options: ['At risk', 'On track'],
  },
  /** The score minus the score 30 days earlier, in points. */
  healthTrend: { kind: 'number', label: 'cs360 health trend (30 days)' },
  /** The top drivers as one short text ("3 urgent tickets this month; …"). */
  healthDrivers: { kind: 'text', label: 'cs360 health drivers' },
  /** The coverage tier (model.segments). */
  segmentTier: { kind: 'text', label: 'cs360 segment tier' },
  /** 003's lifecycle stage. */
  lifecycleStage: { kind: 'text', label: 'cs360 lifecycle stage' },
  /** The most urgent open play: what to do, and why. */
  nextPlay: { kind: 'text', label: 'cs360 next play' },
  nextPlayPriority: { kind: 'text', label: 'cs360 next play priority' },
  /** Which `model` configuration produced the values. */
  configVersion: { kind: 'text', label: 'cs360 config version' },
  /** The day cs360 computed the values. */
  computedAt: { kind: 'date', label: 'cs360 computed at' },
} as const satisfies Record<
  string,
  { kind: 'number' | 'picklist' | 'date' | 'text'; label: string; options?: readonly string[] }
>

export type WriteBackOutput = keyof typeof WRITE_BACK_OUTPUT_KINDS
export const WRITE_BACK_OUTPUTS = Object.keys(WRITE_BACK_OUTPUT_KINDS) as [
  WriteBackOutput,
  ...WriteBackOutput[],
]
