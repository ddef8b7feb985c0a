import { z } from 'zod'

/**
 * Retention metrics. 004 reports NRR, GRR and logo retention monthly and over the trailing
 * twelve months ("Business outcomes (Trailing 12 months)", "NRR/GRR: Monthly calculation").
 */
export const retentionSettingsSchema = z
  .object({
    /** Months in the trailing window, beside the one-month window. */
    trailingMonths: z.number().int().min(2).max(36).default(12),
    /**
     * Months, ending with the month of the run, that get retention rows. Per-account MRR is
     * kept `trailingMonths` further back, so each of them has its trailing window.
     */
    months: z.number().int().min(1).max(120).default(24),
    /**
     * A subscription older than its billing history (invoices from before a migration into
     * Stripe, or the sandbox's one year of invoices) pays, in the months between its start and
     * its first month on record, the MRR of that first month; such rows are marked estimated.
     * Off: those months count 0, so long-standing customers look new where history begins.
     */
    estimateMissingHistory: z.boolean().default(true),
  })
  .strict()

export type RetentionSettings = z.infer<typeof retentionSettingsSchema>
