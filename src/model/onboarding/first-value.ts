import { addDays, daysBetween } from '../plays/dates.js'
import type { ActivationCriterion } from './settings.js'

/** One day of an account's product usage: who used it and which features (event types). */
export interface UsageDay {
  day: string
  userIds: readonly string[]
  features: readonly string[]
}

/**
 * The day the account reached first value: the first day by which, from `start` (its first
 * contract's start) on, `activeUsers` distinct people and `features` distinct features (among
 * `coreFeatures` when given) have been seen. Usage before the contract (a trial) does not count.
 * Null while it has not. The SQL of onboarding_monthly computes the same.
 */
export function firstValueDay(
  days: readonly UsageDay[],
  start: string,
  criterion: ActivationCriterion,
): string | null {
  const core = criterion.coreFeatures.length > 0 ? new Set(criterion.coreFeatures) : null
  const users = new Set<string>()
  const features = new Set<string>()
  for (const d of [...days]
    .filter((d) => d.day >= start)
    .sort((a, b) => (a.day < b.day ? -1 : 1))) {
    d.userIds.forEach((u) => users.add(u))
    d.features.filter((f) => !core || core.has(f)).forEach((f) => features.add(f))
    if (users.size >= criterion.activeUsers && features.size >= criterion.features) return d.day
  }
  return null
}

/** Time to first value (004): days from the contract's start to first value. */
export function timeToFirstValue(start: string, firstValue: string): number {
  return daysBetween(start, firstValue)
}

export type OnboardingOutcome = 'completed' | 'in-progress' | 'not-completed'

/**
 * Whether an account completed onboarding on `asOf`: first value within `windowDays` of its
 * start; still in progress while that window is open without it.
 */
export function onboardingOutcome(
  start: string,
  firstValue: string | null,
  asOf: string,
  windowDays: number,
): OnboardingOutcome {
  const deadline = addDays(start, windowDays)
  if (firstValue !== null && firstValue <= deadline && firstValue <= asOf) return 'completed'
  return deadline > asOf ? 'in-progress' : 'not-completed'
}

/**
 * Onboarding completion rate (004: "% of customers completing all milestones", > 85–90%):
 * completed / decided × 100, where accounts still inside their window are not decided yet.
 * Null when none is decided.
 */
export function onboardingCompletionRate(outcomes: readonly OnboardingOutcome[]): number | null {
  const decided = outcomes.filter((o) => o !== 'in-progress')
  if (decided.length === 0) return null
  return (decided.filter((o) => o === 'completed').length * 100) / decided.length
}
