import type { HealthSettings } from '../settings.js'

/**
 * The health settings an account of `tier` is scored with: the first scorecard naming its tier
 * (its weights; its measure settings over the general ones), else the general settings.
 */
export function scorecardFor(
  tier: string,
  settings: HealthSettings,
): { name: string | null; settings: HealthSettings } {
  const card = settings.scorecards.find((c) => c.tiers.includes(tier))
  if (!card) return { name: null, settings }
  return {
    name: card.name,
    settings: {
      ...settings,
      weights: card.weights,
      measures: { ...settings.measures, ...card.measures },
    },
  }
}
