import { z } from 'zod'

/**
 * `model.metrics.onboarding`: when a new customer has reached first value, and how long
 * onboarding has to get it there.
 *
 * First value is the first day by which, counting from the first contract's start, at least
 * `activeUsers` people have used the product and at least `features` features have been used
 * (any event type, or only those in `coreFeatures`). 003's onboarding goal is "get to first
 * value quickly" through "quick wins"; 004 asks for "3+ contacts at onboarding" (one user is a
 * trial, not a team) and scores 3 features as middling breadth: 3 and 3 by default.
 *
 * The window is 003's Onboarding stage, days 0–30 of the first contract (004's journey map also
 * closes onboarding at day 30): an account with first value by then completed onboarding.
 */
export const onboardingSettingsSchema = z
  .object({
    activation: z
      .object({
        activeUsers: z.number().int().min(1).default(3),
        features: z.number().int().min(1).default(3),
        /** Event types that count as features of first value; empty: every product event. */
        coreFeatures: z.array(z.string().min(1)).default([]),
      })
      .strict()
      .prefault({}),
    windowDays: z.number().int().min(1).max(365).default(30),
  })
  .strict()

export type OnboardingSettings = z.infer<typeof onboardingSettingsSchema>
export type ActivationCriterion = OnboardingSettings['activation']
