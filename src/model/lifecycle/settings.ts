import { z } from 'zod'
import { playSettingsSchema } from '../plays/settings.js'

/**
 * 003's customer journey: Onboarding days 0–30 of the first contract, Adoption months 1–3, then
 * Retention, or Expansion when a healthy account shows an expansion signal; At-Risk below 004's
 * Stable band (40–59 is "At-risk: proactive intervention") or at a renewal escalation.
 */
export const lifecycleStageSettingsSchema = z
  .object({
    onboardingDays: z.number().int().min(0).default(30),
    adoptionDays: z.number().int().min(0).default(90),
    atRiskBelowHealth: z.number().min(0).max(100).default(60),
  })
  .strict()
  .refine(
    (s) => s.adoptionDays >= s.onboardingDays,
    'adoptionDays must not be under onboardingDays',
  )

/** `model.lifecycle` in the config: stages and the plays raised along the journey. */
export const lifecycleSettingsSchema = z
  .object({
    stages: lifecycleStageSettingsSchema.prefault({}),
    plays: playSettingsSchema.prefault({}),
  })
  .strict()

export type LifecycleStageSettings = z.infer<typeof lifecycleStageSettingsSchema>
export type LifecycleSettings = z.infer<typeof lifecycleSettingsSchema>
