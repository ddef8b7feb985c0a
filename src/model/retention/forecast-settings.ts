import { z } from 'zod'

/** A health score at or above `minHealth` renews with `probability` (0–1). */
const probabilityBinSchema = z
  .object({ minHealth: z.number().min(0).max(100), probability: z.number().min(0).max(1) })
  .strict()

/** 004's "Probability by health": 80–100 95%, 60–79 85%, 40–59 60%, 20–39 30%, 0–19 10%. */
const DOMAIN_PROBABILITIES = [
  { minHealth: 80, probability: 0.95 },
  { minHealth: 60, probability: 0.85 },
  { minHealth: 40, probability: 0.6 },
  { minHealth: 20, probability: 0.3 },
  { minHealth: 0, probability: 0.1 },
]

/** 004's "Expansion Forecasting" stages; a CRM's own stage names can be mapped here too. */
const DOMAIN_EXPANSION_STAGES = {
  Identified: 0.1,
  Qualified: 0.25,
  Proposed: 0.5,
  Committed: 0.75,
  Closed: 1,
}

export const renewalForecastSettingsSchema = z
  .object({
    /** From the highest `minHealth` down; the last bin covers every lower score. */
    probabilityByHealth: z
      .array(probabilityBinSchema)
      .min(1)
      .refine(
        (bins) => bins.every((b, i) => i === 0 || b.minHealth < bins[i - 1]!.minHealth),
        'list bins from the highest minHealth down',
      )
      .default(DOMAIN_PROBABILITIES),
    /** Renewals of accounts scored below this are at risk (004's At-risk band and lower). */
    atRiskBelow: z.number().min(0).max(100).default(60),
    /**
     * Win probability per open expansion opportunity's stage name (matched without regard to
     * case), for opportunities the CRM holds no probability on (Salesforce sets one from the
     * stage; HubSpot's pipeline stages carry one). Listing stages replaces 004's. An
     * opportunity with neither counts in the pipeline unweighted, as stage unknown
     * (src/model/expansion/weighting.ts).
     */
    expansionStages: z
      .record(z.string().min(1), z.number().min(0).max(1))
      .default(DOMAIN_EXPANSION_STAGES),
    /** Calendar quarters forecast, starting with the quarter of the run. */
    quarters: z.number().int().min(1).max(12).default(4),
  })
  .strict()

export type RenewalForecastSettings = z.infer<typeof renewalForecastSettingsSchema>
export type ProbabilityBin = z.infer<typeof probabilityBinSchema>
