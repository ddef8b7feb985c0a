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

export function healthBand(score: number): HealthBand {
  return (HEALTH_BANDS.find((b) => score >= b.min) ?? HEALTH_BANDS[HEALTH_BANDS.length - 1]!).band
}
