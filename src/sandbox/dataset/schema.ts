import { readFile, writeFile } from 'node:fs/promises'
import { z } from 'zod'
import { salesforceDatasetSchema } from '../salesforce/dataset-schema.js'

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a YYYY-MM-DD date')
const apiRecords = z.array(z.looseObject({}))

/**
 * HubSpot CRM v3 objects as the API returns them ({id, properties, createdAt, updatedAt,
 * archived}); deal→company links in `associations`.
 */
export const hubspotDatasetSchema = z
  .object({
    owners: z.array(z.looseObject({ id: z.string(), email: z.string() })).default([]),
    companies: z
      .array(
        z.looseObject({ id: z.string(), properties: z.record(z.string(), z.string().nullable()) }),
      )
      .default([]),
    deals: z
      .array(
        z.looseObject({ id: z.string(), properties: z.record(z.string(), z.string().nullable()) }),
      )
      .default([]),
    associations: z
      .array(z.object({ from: z.string(), to: z.string(), type: z.string() }))
      .default([]),
  })
  .strict()

/** Zendesk Support resources in their API JSON shape (organizations, users, tickets, ratings). */
export const zendeskDatasetSchema = z
  .object({
    organizations: z.array(z.looseObject({ id: z.number().int(), name: z.string() })).default([]),
    users: apiRecords.default([]),
    tickets: z.array(z.looseObject({ id: z.number().int(), status: z.string() })).default([]),
    satisfaction_ratings: apiRecords.default([]),
  })
  .strict()

/** Stripe objects as the API returns them (`object` field, unix-second timestamps). */
export const stripeDatasetSchema = z
  .object({
    customers: z
      .array(z.looseObject({ id: z.string().startsWith('cus_'), object: z.literal('customer') }))
      .default([]),
    subscriptions: z
      .array(z.looseObject({ id: z.string().startsWith('sub_'), customer: z.string() }))
      .default([]),
    invoices: z
      .array(z.looseObject({ id: z.string().startsWith('in_'), customer: z.string() }))
      .default([]),
  })
  .strict()

/** Amplitude events as the Export API emits them (one JSON object per event). */
export const amplitudeDatasetSchema = z
  .object({
    events: z.array(z.looseObject({ event_type: z.string(), event_time: z.string() })).default([]),
  })
  .strict()

export const trajectorySchema = z.enum(['churn', 'contract', 'stable', 'expand'])
export const segmentSchema = z.enum(['enterprise', 'mid-market', 'smb'])

/**
 * Not served by any API: what the generator decided about each account, so tests and the
 * benchmark can check that health scores separate the accounts that will churn.
 */
export const groundTruthSchema = z.object({
  accounts: z.array(
    z
      .object({
        crmId: z.string(),
        domain: z.string(),
        segment: segmentSchema,
        trajectory: trajectorySchema,
        churned: z.boolean(),
        arr: z.number().min(0),
      })
      .strict(),
  ),
})

export const datasetSchema = z
  .object({
    format: z.literal('cs360-dataset'),
    version: z.literal(1),
    asOf: isoDate,
    seed: z.number().int().optional(),
    company: z
      .object({
        accounts: z.number().int().min(0),
        bySegment: z.record(segmentSchema, z.number().int()),
        arr: z.number().min(0),
        csms: z.number().int().min(0),
      })
      .strict()
      .optional(),
    salesforce: salesforceDatasetSchema.optional(),
    hubspot: hubspotDatasetSchema.optional(),
    zendesk: zendeskDatasetSchema.optional(),
    stripe: stripeDatasetSchema.optional(),
    amplitude: amplitudeDatasetSchema.optional(),
    groundTruth: groundTruthSchema.optional(),
  })
  .strict()

export type Dataset = z.infer<typeof datasetSchema>
export type Segment = z.infer<typeof segmentSchema>
export type Trajectory = z.infer<typeof trajectorySchema>
export type GroundTruthAccount = z.infer<typeof groundTruthSchema>['accounts'][number]

/** Validates a dataset; the error names the file and every offending path. */
export function parseDataset(json: unknown, source = 'dataset'): Dataset {
  const parsed = datasetSchema.safeParse(json)
  if (parsed.success) return parsed.data
  const lines = parsed.error.issues
    .slice(0, 20)
    .map((issue) => `  ${issue.path.join('.') || '(root)'}: ${issue.message}`)
  throw new Error(`${source} is not a valid cs360 dataset:\n${lines.join('\n')}`)
}

export async function loadDataset(path: string): Promise<Dataset> {
  let json: unknown
  try {
    json = JSON.parse(await readFile(path, 'utf8'))
  } catch (error) {
    throw new Error(
      `cannot read dataset ${path}: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    )
  }
  return parseDataset(json, path)
}

export async function writeDataset(path: string, dataset: Dataset): Promise<void> {
  await writeFile(path, `${JSON.stringify(dataset, null, 1)}\n`)
}
