import { z } from 'zod'
import { secretField } from '../../config/secret.js'
import { timeoutSecondsField } from '../time-limit.js'

/**
 * Which value of an event names the customer account: a group (Amplitude Accounts, e.g.
 * `groups.company`) or a user property the product sets on every user (e.g. `account_id`).
 */
const accountKey = z.union([
  z.object({ groupType: z.string().min(1) }).strict(),
  z.object({ userProperty: z.string().min(1) }).strict(),
])

/** One in-app survey: the event the product sends when it is answered, and where the answer is. */
const surveyEvent = (eventType: string, property: string) =>
  z
    .object({
      eventType: z.string().min(1).default(eventType),
      /** The event property holding the answer (a whole number, or a string of one). */
      property: z.string().min(1).default(property),
    })
    .strict()

/**
 * In-app survey answers (004's satisfaction metrics), kept one per respondent and event in
 * survey_responses instead of counted as usage. NPS is asked 0–10; CSAT and CES on 1 to their
 * `scaleMax`, which should match `model.metrics.surveys` (the metrics read the answers on it).
 * An answer off its scale or not a number is quarantined with the reason.
 */
const surveysSchema = z
  .object({
    nps: surveyEvent('NPS Survey Answered', 'score').prefault({}),
    csat: surveyEvent('CSAT Survey Answered', 'rating')
      .extend({ scaleMax: z.number().int().min(2).max(10).default(5) })
      .prefault({}),
    ces: surveyEvent('CES Survey Answered', 'rating')
      .extend({ scaleMax: z.number().int().min(2).max(10).default(7) })
      .prefault({}),
  })
  .strict()
  .refine(
    (s) => new Set([s.nps.eventType, s.csat.eventType, s.ces.eventType]).size === 3,
    'each survey needs an event type of its own',
  )

export const amplitudeConfigSchema = z
  .object({
    /** Project API key and secret key (Organization settings → Projects → API keys). */
    apiKey: secretField,
    secretKey: secretField,
    /** https://amplitude.com, or https://analytics.eu.amplitude.com for EU data residency. */
    url: z.url().default('https://amplitude.com'),
    /**
     * Seconds one export request may take, the archive's download included, before it is given
     * up (the sync retries it later; `cs360 check` reports it). Amplitude zips a day of a large
     * project for minutes before the first byte, hence the long default.
     */
    timeoutSeconds: timeoutSecondsField(600),
    accountKey: accountKey.default({ groupType: 'company' }),
    /** What that value is, for identity resolution: a web domain, a CRM account id, a name. */
    accountKeyHolds: z.enum(['domain', 'crmAccountId', 'name']).default('domain'),
    /** First day exported when there is no checkpoint yet; default 365 days before today. */
    startDate: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a YYYY-MM-DD date')
      .refine((d) => !Number.isNaN(Date.parse(d)), 'must be a real date')
      .optional(),
    /**
     * Hours per export request (1 to 744, a month); every hour is still its own checkpoint. A
     * response is held in memory while its hours are read, so the default of a day suits large
     * projects; small ones can ask for more at a time (fewer requests).
     */
    windowHours: z.number().int().min(1).max(744).default(24),
    /**
     * Data reaches the Export API about 2 hours after Amplitude receives it, so hours newer
     * than now − lagHours are left for the next run instead of being read half-loaded.
     */
    lagHours: z.number().int().min(0).max(72).default(2),
    /**
     * Account-hours per committed page (one transaction, one checkpoint). Larger pages load
     * faster; a read interrupted mid-page redoes at most that much.
     */
    pageSize: z.number().int().min(1).max(10_000).default(2_000),
    surveys: surveysSchema.prefault({}),
  })
  .strict()

export type AmplitudeConfig = z.infer<typeof amplitudeConfigSchema>
export type AmplitudeSurveys = AmplitudeConfig['surveys']
