import { z } from 'zod'

/**
 * Survey scales and cut-offs from 004's satisfaction metrics. NPS asks 0–10; CSAT is asked on
 * 1–5 (or 1–7) with 4–5 of 5 counting as satisfied; CES is asked on 1–7 where 1 is very easy.
 */
export const surveySettingsSchema = z
  .object({
    nps: z
      .object({
        /** 9–10 are promoters. */
        promoterMin: z.number().int().min(1).max(10).default(9),
        /** 0–6 are detractors; between them, passives. */
        detractorMax: z.number().int().min(0).max(9).default(6),
        /**
         * An account's NPS (the npsScore health measure, account_scores.nps) counts each
         * respondent's latest answer of this many days up to the day scored: 004 surveys at
         * 30/60/90 days and quarterly, so half a year holds a customer's last two rounds.
         */
        windowDays: z.number().int().min(1).max(730).default(180),
      })
      .strict()
      .refine((n) => n.detractorMax < n.promoterMin, 'detractorMax must be below promoterMin')
      .prefault({}),
    csat: z
      .object({
        scaleMax: z.number().int().min(2).max(10).default(5),
        /** The lowest rating that counts as satisfied. */
        satisfiedMin: z.number().int().min(1).default(4),
      })
      .strict()
      .refine((c) => c.satisfiedMin <= c.scaleMax, 'satisfiedMin must be on the scale')
      .prefault({}),
    ces: z
      .object({
        /** Ratings run from 1 (very easy) to this (very difficult). */
        scaleMax: z.number().int().min(2).max(10).default(7),
      })
      .strict()
      .prefault({}),
  })
  .strict()

export type SurveySettings = z.infer<typeof surveySettingsSchema>
