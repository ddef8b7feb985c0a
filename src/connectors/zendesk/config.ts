import { z } from 'zod'
import { secretField } from '../../config/secret.js'
import { timeoutSecondsField } from '../time-limit.js'

const apiToken = z
  .object({
    type: z.literal('api_token'),
    /** The admin whose API token it is (incremental exports and CSAT need an admin). */
    email: z.email(),
    apiToken: secretField,
  })
  .strict()

const oauth = z
  .object({
    type: z.literal('oauth'),
    /** An OAuth access token with the `read` scope, issued to an admin. */
    accessToken: secretField,
  })
  .strict()

export const zendeskConfigSchema = z
  .object({
    /**
     * The account's base URL, `https://{subdomain}.zendesk.com` (any base URL works, such as a
     * host-mapped domain or the sandbox); cs360 appends `/api/v2`.
     */
    url: z
      .url()
      .transform((url) => url.replace(/\/+$/, ''))
      .refine((url) => !/\/api\/v2$/.test(url), 'must be the account URL without /api/v2'),
    /**
     * Seconds one request may go without an answer before it is given up (the sync retries it
     * later; `cs360 check` reports it).
     */
    timeoutSeconds: timeoutSecondsField(60),
    auth: z.discriminatedUnion('type', [apiToken, oauth]),
    /**
     * Where the first ticket and CSAT export starts (YYYY-MM-DD); later runs resume from their
     * cursor. Default: 12 months before the first run. Organizations are always read whole.
     */
    startDate: z.iso.date().optional(),
    identity: z
      .object({
        /**
         * What organizations' `external_id` holds: the CRM account id (the strongest link to the
         * CRM, default) or something else (`none`: organizations link by domain only).
         */
        externalId: z.enum(['crmAccountId', 'none']).default('crmAccountId'),
      })
      .strict()
      .prefault({}),
    /**
     * Client-side pacing of the incremental exports so their limit (10 a minute) is never hit
     * in normal operation; a 429 is still waited out.
     */
    incrementalRequestsPerMinute: z.number().int().min(1).max(100).default(10),
    /** The window the pacing counts in; tests shrink it along with the sandbox's windows. */
    rateLimitWindowMs: z.number().int().min(10).default(60_000),
    /** Records per incremental export page (`per_page`, at most 1,000, the fewest requests). */
    exportPageSize: z.number().int().min(1).max(1000).default(1000),
    /** Records per list page (`page[size]`, at most 100), used for CSAT ratings. */
    listPageSize: z.number().int().min(1).max(100).default(100),
  })
  .strict()

export type ZendeskConfig = z.infer<typeof zendeskConfigSchema>
