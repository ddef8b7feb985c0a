/**
 * The domain's five health bands (004, "Customer Health Score"): each names the action it calls
 * for, which is what a CSM filters on in the CRM.
 */
export const HEALTH_BANDS = [
  { band: 'Healthy', min: 80, action: 'Expansion focus' },
  { band: 'Stable', min: 60, action: 'Monitor, optimize' },
  { band: 'At-risk', min: 40, action: 'Proactive intervention' },
  { band: 'Critical', min: 20, action: 'Executive escalation' },
  { band: 'Emergency', min: 0, action: 'All-hands save attempt' },
] as const

export type HealthBand = (typeof HEALTH_BANDS)[number]['band']

/** Each band's lowest score but the last's (which takes everything below): 004's by default. */
export type BandThresholds = Record<Exclude<HealthBand, 'Emergency'>, number>

export const DOMAIN_BAND_THRESHOLDS: BandThresholds = Object.fromEntries(
  HEALTH_BANDS.slice(0, -1).map((b) => [b.band, b.min]),
) as BandThresholds

export function healthBand(
  score: number,
  thresholds: BandThresholds = DOMAIN_BAND_THRESHOLDS,
): HealthBand {
  for (const { band } of HEALTH_BANDS)
    if (band === 'Emergency' || score >= thresholds[band]) return band
  return 'Emergency'
}

/** 003's roll-up of the score for an at-a-glance view: Green 80–100, Yellow 50–79, Red 0–49. */
export const HEALTH_STATUSES = ['Green', 'Yellow', 'Red'] as const
export type HealthStatus = (typeof HEALTH_STATUSES)[number]

export function healthStatus(score: number, from: { green: number; yellow: number }): HealthStatus {
  return score >= from.green ? 'Green' : score >= from.yellow ? 'Yellow' : 'Red'
}
