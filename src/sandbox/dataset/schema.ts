import { readFile, writeFile } from 'node:fs/promises'
import { z } from 'zod'
import { salesforceDatasetSchema } from '../salesforce/dataset-schema.js'
import { amplitudeDatasetSchema } from '../amplitude/dataset-schema.js'
import { formatDatasetJson } from './dataset-json.js'
import { groundTruthSchema, segmentSchema } from './ground-truth-schema.js'
import { hubspotDatasetSchema } from '../hubspot/dataset-schema.js'
import { checkReferences, type IssuePath } from './integrity.js'
import { stripeDatasetSchema } from '../stripe/dataset-schema.js'
import { zendeskDatasetSchema } from '../zendesk/dataset-schema.js'

export {
  segmentSchema,
  trajectorySchema,
  type GroundTruthAccount,
  type Segment,
  type Trajectory,
} from './ground-truth-schema.js'

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a YYYY-MM-DD date')

/** What the generator says about the company it made; informational, read by the CLI. */
export const companySummarySchema = z
  .object({
    accounts: z.number().int().min(0),
    /** Accounts with a contract running on `asOf`. */
    customers: z.number().int().min(0).optional(),
    bySegment: z.record(segmentSchema, z.number().int()),
    arr: z.number().min(0),
    csms: z.number().int().min(0),
    crm: z.enum(['salesforce', 'hubspot']).optional(),
  })
  .strict()

const datasetShape = z
  .object({
    format: z.literal('cs360-dataset'),
    version: z.literal(1),
    /** The dataset's "today": every date in it is placed relative to this day. */
    asOf: isoDate,
    seed: z.number().int().optional(),
    company: companySummarySchema.optional(),
    salesforce: salesforceDatasetSchema.optional(),
    hubspot: hubspotDatasetSchema.optional(),
    zendesk: zendeskDatasetSchema.optional(),
    stripe: stripeDatasetSchema.optional(),
    amplitude: amplitudeDatasetSchema.optional(),
    groundTruth: groundTruthSchema.optional(),
  })
  .strict()

const MAX_REFERENCE_ISSUES = 100

/** A whole company as exports of its systems; every system section is optional. */
export const datasetSchema = datasetShape.superRefine((dataset, ctx) => {
  let issues = 0
  checkReferences(dataset, (path, message) => {
    if (++issues <= MAX_REFERENCE_ISSUES) ctx.addIssue({ code: 'custom', path, message })
  })
})

export type DatasetShape = z.infer<typeof datasetShape>
export type Dataset = z.infer<typeof datasetSchema>
export type CompanySummary = z.infer<typeof companySummarySchema>

/** `salesforce.records.Account[12].OwnerId`: the spelling a reader finds in the file. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = ''
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`
    else out += out ? `.${String(key)}` : String(key)
  }
  return out || '(root)'
}

const SHOWN_ISSUES = 20

/** Validates a dataset; the error names the source and every offending path. */
export function parseDataset(json: unknown, source = 'dataset'): Dataset {
  const parsed = datasetSchema.safeParse(json)
  if (parsed.success) return parsed.data
  const issues = parsed.error.issues
  const lines = issues
    .slice(0, SHOWN_ISSUES)
    .map((issue) => `  ${formatIssuePath(issue.path as IssuePath)}: ${issue.message}`)
  if (issues.length > SHOWN_ISSUES) lines.push(`  … and ${issues.length - SHOWN_ISSUES} more`)
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
  await writeFile(path, `${formatDatasetJson(dataset)}\n`)
}
