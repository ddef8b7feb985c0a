import { HEALTH_BANDS } from './health/bands.js'

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
} as const satisfies Record<
  string,
  { kind: 'number' | 'picklist' | 'date' | 'text'; label: string; options?: readonly string[] }
>

export type WriteBackOutput = keyof typeof WRITE_BACK_OUTPUT_KINDS
export const WRITE_BACK_OUTPUTS = Object.keys(WRITE_BACK_OUTPUT_KINDS) as [
  WriteBackOutput,
  ...WriteBackOutput[],
]
