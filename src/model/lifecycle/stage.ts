import type { RenewalRiskLevel } from '../plays/types.js'
import type { LifecycleStageSettings } from './settings.js'

/** 003's customer journey stages, as its output format spells them. */
export const LIFECYCLE_STAGES = [
  'Onboarding',
  'Adoption',
  'Retention',
  'Expansion',
  'At-Risk',
] as const
export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number]

/** What the stage of one account depends on, on the day evaluated. */
export interface LifecycleFacts {
  /** Days since the first contract started; null when the CRM has no contract start. */
  daysSinceFirstContract: number | null
  /** 0–100; null when the account is not scored. */
  healthScore: number | null
  /** 004's at-risk renewal escalation level, if any. */
  renewalRisk: RenewalRiskLevel | null
  /** A healthy account showing one of 004's expansion signals (an expansion play raised). */
  expansionSignal: boolean
}

/**
 * The journey stage of an account (003). At-Risk comes first: a failing account needs saving
 * whatever its age, and an onboarding that is going badly is the earliest churn signal there
 * is. Then the account's age decides Onboarding and Adoption, because expansion is never asked
 * of an account just onboarded (003, "When NOT to upsell"); after that an expansion signal makes
 * it Expansion, else Retention.
 */
export function lifecycleStage(
  facts: LifecycleFacts,
  settings: LifecycleStageSettings,
): LifecycleStage {
  if (facts.renewalRisk !== null) return 'At-Risk'
  if (facts.healthScore !== null && facts.healthScore < settings.atRiskBelowHealth) return 'At-Risk'
  const age = facts.daysSinceFirstContract
  if (age !== null && age <= settings.onboardingDays) return 'Onboarding'
  if (age !== null && age <= settings.adoptionDays) return 'Adoption'
  return facts.expansionSignal ? 'Expansion' : 'Retention'
}
