import { z } from 'zod'
import { secretField } from '../../config/secret.js'
import { timeoutSecondsField } from '../time-limit.js'
import { WRITE_BACK_OUTPUTS } from '../../model/outputs.js'
import { refuseWritesOntoCsmField } from '../csm-health-field.js'

const propertyName = z
  .string()
  .regex(/^[a-z][a-z0-9_]*$/, 'must be a HubSpot property internal name such as cs360_health_score')

/** `dealtype` defaults; `check` tells a default the portal never used from one written. */
export const DEFAULT_RENEWAL_TYPES = ['renewal']
export const DEFAULT_EXPANSION_TYPES = ['existingbusiness']

/** A private app's access token: the simplest setup for one portal. */
const privateApp = z
  .object({
    type: z.literal('private_app'),
    accessToken: secretField,
  })
  .strict()

/** A public (OAuth) app installed in the portal: cs360 refreshes 30-minute access tokens. */
const oauth = z
  .object({
    type: z.literal('oauth'),
    clientId: z.string().min(1),
    clientSecret: secretField,
    refreshToken: secretField,
  })
  .strict()

export const hubspotConfigSchema = z
  .object({
    /** https://api.hubapi.com for every portal (EU ones too); the sandbox's URL in tests. */
    baseUrl: z.url().default('https://api.hubapi.com'),
    /**
     * Seconds one request may go without an answer before it is given up (the sync retries it
     * later; `cs360 check` reports it); token requests included.
     */
    timeoutSeconds: timeoutSecondsField(60),
    auth: z.discriminatedUnion('type', [privateApp, oauth]),
    /**
     * Records per request: search pages hold up to 200, list pages 100 (lists use the smaller
     * of the two). The maximum needs the fewest calls; smaller pages only shrink what a retried
     * page redoes.
     */
    pageSize: z.number().int().min(1).max(200).default(200),
    /**
     * Each incremental read starts this far before its cursor: search shows a write only a few
     * seconds after it happens, so the newest seconds are read again on the next run (records
     * already read at the same version are skipped; upserts are idempotent anyway).
     */
    lookbackSeconds: z.number().int().min(0).max(86_400).default(300),
    deals: z
      .object({
        /** `dealtype` values that mark a renewal of an existing contract. */
        renewalTypes: z.array(z.string().min(1)).min(1).default(DEFAULT_RENEWAL_TYPES),
        /**
         * `dealtype` values of the kinds that grow an account: their open deals are the
         * expansion pipeline (model.metrics.forecast). HubSpot's own option for it is Existing
         * Business; portals add their own (upsell, cross_sell …). Renewals never count.
         */
        expansionTypes: z.array(z.string().min(1)).default(DEFAULT_EXPANSION_TYPES),
        /** Pipeline ids whose every open deal, whatever its type, is expansion. */
        expansionPipelines: z.array(z.string().min(1)).default([]),
        /** Pipeline ids whose deals count (default: every pipeline). */
        pipelines: z.array(z.string().min(1)).min(1).optional(),
        contractStartProperty: propertyName.default('contract_start_date'),
        contractEndProperty: propertyName.default('contract_end_date'),
      })
      .strict()
      .prefault({}),
    /**
     * Company properties holding the company's id in another system (a Stripe customer id, a
     * Zendesk organization id): system → property. The strongest identity key there is.
     */
    identityFields: z
      .record(
        z.string().regex(/^[a-z][a-z0-9]*$/, 'must be a connector id such as stripe'),
        propertyName,
      )
      .default({}),
    /**
     * The company property where CSMs keep their own view of the company's health (a status,
     * Green/Yellow/Red; a band name; or a 0–100 score). cs360 reads it and stores it beside the
     * model's score, never in place of it, and never writes it.
     */
    csmHealthField: propertyName.optional(),
    writeBack: z
      .object({
        enabled: z.boolean().default(true),
        /** cs360 output → company property; only mapped outputs are written. */
        fields: z.partialRecord(z.enum(WRITE_BACK_OUTPUTS), propertyName).default({
          healthScore: 'cs360_health_score',
          healthBand: 'cs360_health_band',
          arr: 'cs360_arr',
          nextRenewalDate: 'cs360_next_renewal',
        }),
        /**
         * HubSpot-defined company properties cs360 may write (its own need no listing): an
         * explicit opt-in, property by property, so a mapping slip never overwrites `name`.
         */
        standardFields: z.array(propertyName).default([]),
        /** The property group `cs360 crm provision` creates cs360's properties in. */
        propertyGroup: propertyName.default('cs360'),
        /** An account cs360 no longer scores: clear its properties, or mark its band "Not scored". */
        whenUnscored: z.enum(['clear', 'mark']).default('clear'),
      })
      .strict()
      .prefault({}),
  })
  .strict()
  .superRefine(refuseWritesOntoCsmField)

export type HubspotConfig = z.infer<typeof hubspotConfigSchema>
