import { z } from 'zod'
import { secretField } from '../../config/secret.js'
import { timeoutSecondsField } from '../time-limit.js'
import { WRITE_BACK_OUTPUTS } from '../../model/outputs.js'
import { refuseWritesOntoCsmField } from '../csm-health-field.js'

const fieldName = z
  .string()
  .regex(
    /^[A-Za-z][A-Za-z0-9_]*$/,
    'must be a Salesforce field API name such as CS360_Health_Score__c',
  )

/** Opportunity.Type defaults; `check` tells a default the org never used from one written. */
export const DEFAULT_RENEWAL_TYPES = ['Renewal']
export const DEFAULT_EXPANSION_TYPES = ['Upsell', 'Expansion', 'Cross-sell', 'Add-on']

const clientCredentials = z.object({
  flow: z.literal('client_credentials'),
  clientId: z.string().min(1),
  clientSecret: secretField,
})

const refreshToken = z.object({
  flow: z.literal('refresh_token'),
  clientId: z.string().min(1),
  clientSecret: secretField,
  refreshToken: secretField,
})

export const salesforceConfigSchema = z
  .object({
    /** Token endpoint host: login.salesforce.com, test.salesforce.com or the org's My Domain. */
    loginUrl: z.url().default('https://login.salesforce.com'),
    /**
     * Seconds one request may go without an answer before it is given up (the sync retries it
     * later; `cs360 check` reports it); token requests included.
     */
    timeoutSeconds: timeoutSecondsField(60),
    apiVersion: z
      .string()
      .regex(/^\d{2}\.0$/, 'must look like 62.0')
      .default('62.0'),
    /**
     * Records per query page (Sforce-Query-Options batchSize, 200–2,000). 2,000 needs the fewest
     * API calls; smaller pages shorten the work redone when a page fails midway.
     */
    pageSize: z.number().int().min(200).max(2000).default(2000),
    /**
     * How far before its cursor each incremental read starts again. A transaction that commits
     * late carries a SystemModstamp from before it became visible; re-reading a short window
     * catches it, and the loader turns records already held into no-ops.
     */
    lookbackSeconds: z.number().int().min(0).max(3600).default(60),
    auth: z.discriminatedUnion('flow', [clientCredentials, refreshToken]),
    opportunities: z
      .object({
        /** Opportunity.Type values that mark a renewal of an existing contract. */
        renewalTypes: z.array(z.string().min(1)).min(1).default(DEFAULT_RENEWAL_TYPES),
        /**
         * Opportunity.Type values of the kinds that grow an account: their open opportunities
         * are the expansion pipeline (model.metrics.forecast). Renewals never count, whatever
         * their type.
         */
        expansionTypes: z.array(z.string().min(1)).default(DEFAULT_EXPANSION_TYPES),
        contractStartField: fieldName.default('Contract_Start_Date__c'),
        contractEndField: fieldName.default('Contract_End_Date__c'),
      })
      .strict()
      .prefault({}),
    /**
     * Account fields that hold the record's id in another system (a Stripe customer id, a Zendesk
     * organization id): system → field API name. The strongest identity key there is.
     */
    identityFields: z
      .record(
        z.string().regex(/^[a-z][a-z0-9]*$/, 'must be a connector id such as stripe'),
        fieldName,
      )
      .default({}),
    /**
     * The Account field where CSMs keep their own view of the account's health (a status,
     * Green/Yellow/Red; a band name; or a 0–100 score). cs360 reads it and stores it beside the
     * model's score, never in place of it, and never writes it.
     */
    csmHealthField: fieldName.optional(),
    writeBack: z
      .object({
        enabled: z.boolean().default(true),
        /** cs360 output → Account field API name; only mapped outputs are written. */
        fields: z
          .partialRecord(z.enum(WRITE_BACK_OUTPUTS), fieldName)
          .default({ healthScore: 'CS360_Health_Score__c', healthBand: 'CS360_Health_Band__c' }),
        /**
         * Standard Account fields cs360 may write (custom `__c` fields need no listing): an
         * explicit opt-in, field by field, so a mapping slip never overwrites Name or Industry.
         */
        standardFields: z.array(fieldName).default([]),
        /** An account cs360 no longer scores: clear its fields, or mark its band "Not scored". */
        whenUnscored: z.enum(['clear', 'mark']).default('clear'),
      })
      .strict()
      .prefault({}),
  })
  .strict()
  .superRefine(refuseWritesOntoCsmField)

export type SalesforceConfig = z.infer<typeof salesforceConfigSchema>
