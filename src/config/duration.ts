import { z } from 'zod'

const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const

/** A duration as the config writes it: `30m`, `6h`, `7d`. */
export const durationText = z
  .string()
  .regex(/^\d+(s|m|h|d)$/, 'must be a duration such as 30m, 6h or 7d')

/** The same, parsed to milliseconds. */
export const durationMs = durationText.transform(
  (v) => Number(v.slice(0, -1)) * UNIT_MS[v.slice(-1) as keyof typeof UNIT_MS],
)
