import { z } from 'zod'

export const trajectorySchema = z.enum(['churn', 'contract', 'stable', 'expand'])
export const segmentSchema = z.enum(['enterprise', 'mid-market', 'smb'])

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a YYYY-MM-DD date')

/**
 * Not served by any API: what the generator decided about each account, so tests and the
 * benchmark can check that health scores separate the accounts that will churn (the domain's
 * "validate correlation" step) and that cs360 joins each company across systems correctly.
 */
export const expectedLinkSchema = z.enum(['matched', 'conflict', 'unmatched'])
export const identityTrapSchema = z.enum([
  'no-shared-id',
  'parent-domain',
  'free-mail-billing',
  'near-miss-domain',
])

export const groundTruthSchema = z
  .object({
    accounts: z.array(
      z
        .object({
          /** The CRM's account id: Salesforce Account.Id or HubSpot company id. */
          crmId: z.string().min(1),
          name: z.string().optional(),
          domain: z.string().min(1),
          segment: segmentSchema,
          trajectory: trajectorySchema,
          /** The trajectory its signals show (docs/sandbox.md, "How the signals lie"). */
          looksLike: trajectorySchema.optional(),
          /** A former customer on `asOf`: its last renewal was lost. */
          churned: z.boolean(),
          /** ARR of the closed-won contracts running on `asOf` (0 for former customers). */
          arr: z.number().min(0),
          /** The hidden health (0–100) every signal was drawn from, each with its own noise. */
          health: z.number().min(0).max(100).optional(),
          /** End of the running contract term (null for former customers). */
          renewalDate: isoDate.nullable().optional(),
          /** Day the account stopped being a customer (null unless churned). */
          churnDate: isoDate.nullable().optional(),
          /** The account's record in each source system, to check cs360's identity resolution. */
          links: z
            .object({
              zendeskOrganizationId: z.number().int().optional(),
              stripeCustomerId: z.string().optional(),
              amplitudeGroup: z.string().optional(),
            })
            .strict()
            .optional(),
          /**
           * The identity trap this account was built with (see linking-keys.ts), and what
           * identity resolution must conclude for each of its records; absent: all matched.
           */
          identity: z
            .object({
              trap: identityTrapSchema.nullable(),
              expected: z
                .object({
                  zendesk: expectedLinkSchema,
                  stripe: expectedLinkSchema,
                  amplitude: expectedLinkSchema,
                })
                .strict(),
            })
            .strict()
            .optional(),
        })
        .strict(),
    ),
  })
  .strict()

export type Segment = z.infer<typeof segmentSchema>
export type IdentityTrap = z.infer<typeof identityTrapSchema>
export type ExpectedLink = z.infer<typeof expectedLinkSchema>
export type Trajectory = z.infer<typeof trajectorySchema>
export type GroundTruthAccount = z.infer<typeof groundTruthSchema>['accounts'][number]
