import { z } from 'zod'

/**
 * Health component weights from the domain's health-score framework (004: product usage 30,
 * engagement 25, relationship 20, support 15, growth signals 10). A component without data for
 * an account is left out and the remaining weights are renormalized, so a CRM-only install still
 * gets a 0–100 score that means the same thing.
 */
export const healthWeightsSchema = z
  .object({
    usage: z.number().min(0).default(30),
    engagement: z.number().min(0).default(25),
    relationship: z.number().min(0).default(20),
    support: z.number().min(0).default(15),
    growth: z.number().min(0).default(10),
  })
  .strict()
  .refine((w) => Object.values(w).some((v) => v > 0), 'at least one weight must be above 0')

export const modelSettingsSchema = z
  .object({
    health: z
      .object({
        /** Which health model scores accounts (see src/model/health/registry.ts). */
        model: z.string().min(1).default('cs360-v2'),
        weights: healthWeightsSchema.prefault({}),
      })
      .strict()
      .prefault({}),
  })
  .strict()

export type HealthWeights = z.infer<typeof healthWeightsSchema>
export type HealthComponentName = keyof HealthWeights
export type ModelSettings = z.infer<typeof modelSettingsSchema>
