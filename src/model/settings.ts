import { z } from 'zod'
import { MEASURE_NAMES } from './health/measure-names.js'
import { lifecycleSettingsSchema } from './lifecycle/settings.js'
import { metricsSettingsSchema } from './retention/metrics-settings.js'
import { segmentSettingsSchema } from './segments/settings.js'

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

/**
 * 0–100 for a measure's value: the first bin, from the highest `min` down, the value reaches
 * (004's login-frequency bins are the pattern). Values under every bin take the last bin's score.
 */
export const binsSchema = z
  .array(z.object({ min: z.number(), score: z.number().min(0).max(100) }).strict())
  .min(1)
  .refine(
    (bins) => bins.every((b, i) => i === 0 || b.min < bins[i - 1]!.min),
    'list bins from the highest min down, each min lower than the one before',
  )

/** One measure's weight inside its component and its bins, overriding the domain defaults. */
export const measureSettingsSchema = z
  .object({ weight: z.number().min(0).optional(), bins: binsSchema.optional() })
  .strict()

export const modelSettingsSchema = z
  .object({
    health: z
      .object({
        /** Which health model scores accounts (see src/model/health/registry.ts). */
        model: z.string().min(1).default('cs360-v2'),
        weights: healthWeightsSchema.prefault({}),
        /**
         * Per measure (loginFrequency, featureBreadth, …; see docs/architecture.md): its weight
         * inside its component and its bins. A changed value takes effect on the next run.
         */
        measures: z.partialRecord(z.enum(MEASURE_NAMES), measureSettingsSchema).default({}),
        /**
         * Scorecards per coverage tier (004: enterprise and SMB health weigh differently): the
         * first whose `tiers` holds the account's tier scores it with its own component weights
         * (004's defaults where it names none) and measure settings (over the ones above).
         */
        /** Each band's lowest score (004: Healthy 80, Stable 60, At-risk 40, Critical 20). */
        bands: z
          .object({
            Healthy: z.number().min(0).max(100).default(80),
            Stable: z.number().min(0).max(100).default(60),
            'At-risk': z.number().min(0).max(100).default(40),
            Critical: z.number().min(0).max(100).default(20),
          })
          .strict()
          .prefault({})
          .refine(
            (b) => b.Healthy > b.Stable && b.Stable > b['At-risk'] && b['At-risk'] > b.Critical,
            'each band must start above the next: Healthy > Stable > At-risk > Critical',
          ),
        /** 003's Green/Yellow/Red roll-up: Green from 80, Yellow from 50, Red below. */
        status: z
          .object({
            green: z.number().min(0).max(100).default(80),
            yellow: z.number().min(0).max(100).default(50),
          })
          .strict()
          .prefault({})
          .refine((s) => s.green > s.yellow, 'green must start above yellow'),
        scorecards: z
          .array(
            z
              .object({
                name: z.string().min(1),
                tiers: z.array(z.string().min(1)).min(1),
                weights: healthWeightsSchema.prefault({}),
                measures: z.partialRecord(z.enum(MEASURE_NAMES), measureSettingsSchema).default({}),
              })
              .strict(),
          )
          .default([]),
      })
      .strict()
      .prefault({}),
    segments: segmentSettingsSchema.prefault({}),
    lifecycle: lifecycleSettingsSchema.prefault({}),
    metrics: metricsSettingsSchema.prefault({}),
  })
  .strict()
  .superRefine((model, ctx) => {
    const tiers = new Set(model.segments.tiers.map((t) => t.id))
    model.health.scorecards.forEach((card, i) =>
      card.tiers.forEach((tier, j) => {
        if (!tiers.has(tier))
          ctx.addIssue({
            code: 'custom',
            path: ['health', 'scorecards', i, 'tiers', j],
            message: `no tier "${tier}" in model.segments.tiers (${[...tiers].join(', ')})`,
          })
      }),
    )
  })

export type HealthWeights = z.infer<typeof healthWeightsSchema>
export type MeasureSettings = z.infer<typeof measureSettingsSchema>
export type HealthComponentName = keyof HealthWeights
export type ModelSettings = z.infer<typeof modelSettingsSchema>
export type HealthSettings = ModelSettings['health']
