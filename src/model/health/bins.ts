/** A value at or above `min` scores `score`; bins are listed from the highest `min` down. */
export interface Bin {
  min: number
  score: number
}

/**
 * Scores a measure 0–100 by bins, as the domain's scoring step does ("Login frequency: 0-1
 * logins/month: 20 … 20+: 100"). Values under every bin get the lowest bin's score.
 */
export function binScore(value: number, bins: readonly Bin[]): number {
  for (const bin of bins) if (value >= bin.min) return bin.score
  return bins[bins.length - 1]?.score ?? 0
}

/** Relative change, or null when there is no base to compare with. */
export function change(now: number, before: number): number | null {
  return before > 0 ? (now - before) / before : null
}

export const percent = (ratio: number) => `${Math.round(Math.abs(ratio) * 100)}%`
