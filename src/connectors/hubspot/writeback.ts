import { z } from 'zod'
import { Cs360Error } from '../../errors.js'
import type { ConnectorContext, FieldChange, WriteBack, WriteResult } from '../types.js'
import { hubspotSession } from './client.js'
import type { HubspotConfig } from './config.js'
import { companyProperties, crmField, provisionProperties } from './describe-properties.js'
import { bodyOf, statusOf } from './errors.js'
import { parseEnvelope } from './schemas.js'

type Ctx = ConnectorContext<HubspotConfig>

/** Inputs of one batch update (HubSpot's documented maximum). */
const BATCH_LIMIT = 100

const standardError = z
  .object({
    category: z.string().optional(),
    subCategory: z.string().nullish(),
    message: z.string().optional(),
    context: z.record(z.string(), z.array(z.string())).nullish(),
    errors: z
      .array(
        z
          .object({
            message: z.string().optional(),
            code: z.string().nullish(),
            // `in` as HubSpot sends it; `_in` once the SDK's ErrorDetail model has renamed it.
            in: z.string().nullish(),
            _in: z.string().nullish(),
          })
          .loose(),
      )
      .nullish(),
  })
  .loose()

const batchAnswer = z
  .object({
    results: z.array(z.object({ id: z.string() }).loose()),
    errors: z.array(standardError).nullish(),
  })
  .loose()

type StandardError = z.infer<typeof standardError>

/**
 * Writes cs360's values onto companies with batch update, 100 companies a call. A partial
 * failure answers 207: each error names its companies in `context.ids` (an id that does not
 * exist comes back as OBJECT_NOT_FOUND there) and fails alone, with HubSpot's category, sub
 * category and codes as its code. A whole batch refused with a 400 is split in halves until the
 * refused companies stand alone, so one bad value never holds back the rest.
 * https://developers.hubspot.com/docs/reference/api/crm/objects/companies#post-%2Fcrm%2Fv3%2Fobjects%2Fcompanies%2Fbatch%2Fupdate
 */
export const hubspotWriteBack: WriteBack<HubspotConfig> = {
  object: () => 'companies',
  fieldMap: (config) =>
    config.writeBack.enabled
      ? Object.fromEntries(
          Object.entries(config.writeBack.fields).filter(
            (e): e is [string, string] => typeof e[1] === 'string',
          ),
        )
      : {},
  standardFieldsAllowed: (config) => config.writeBack.standardFields,
  whenUnscored: (config) => config.writeBack.whenUnscored,
  howToCreate: 'run `cs360 crm provision` (creates it in the cs360 property group)',
  maxBatchSize: BATCH_LIMIT,
  ownedFields: (config) =>
    `the properties in its own property group, ${config.writeBack.propertyGroup}, which \`cs360 crm provision\` creates`,
  describeFields: async (ctx) =>
    (await companyProperties(ctx)).map((p) => crmField(p, ctx.config.writeBack.propertyGroup)),
  provision: provisionProperties,
  readCurrent: readCompanies,
  async write(ctx, changes) {
    const result: WriteResult = { written: [], failed: [] }
    for (let i = 0; i < changes.length; i += BATCH_LIMIT)
      await writeBatch(ctx, changes.slice(i, i + BATCH_LIMIT), result)
    return result
  },
}

const batchRead = z
  .object({
    results: z.array(
      z.object({ id: z.string(), properties: z.record(z.string(), z.string().nullable()) }).loose(),
    ),
  })
  .loose()

/**
 * What companies hold in `fields` now (a dry run's "old"), by batch read, 100 a call: HubSpot's
 * text values, a cleared property as null. A company that is gone comes back among the errors
 * of a 207 and is left out.
 * https://developers.hubspot.com/docs/reference/api/crm/objects/companies#post-%2Fcrm%2Fv3%2Fobjects%2Fcompanies%2Fbatch%2Fread
 */
async function readCompanies(ctx: Ctx, recordIds: readonly string[], fields: readonly string[]) {
  const current = new Map<string, Record<string, string | null>>()
  for (let i = 0; i < recordIds.length; i += BATCH_LIMIT) {
    const inputs = recordIds.slice(i, i + BATCH_LIMIT).map((id) => ({ id }))
    const answer = await hubspotSession(ctx).call(ctx, 'reading company values', 'api', (c) =>
      c.crm.companies.batchApi.readWithHttpInfo({
        inputs,
        properties: [...fields],
        propertiesWithHistory: [],
      }),
    )
    for (const record of parseEnvelope(batchRead, answer, 'company batch read').results)
      current.set(
        record.id,
        Object.fromEntries(fields.map((f) => [f, record.properties[f] || null])),
      )
  }
  return current
}

/**
 * A value as HubSpot takes it: text (numbers too), "" to clear a property. Dates are already
 * `YYYY-MM-DD`, which date properties take as midnight UTC.
 */
export function propertyValue(value: FieldChange['fields'][string]): string {
  if (value === null) return ''
  return String(value)
}

async function writeBatch(ctx: Ctx, batch: FieldChange[], result: WriteResult): Promise<void> {
  const inputs = batch.map((c) => ({
    id: c.recordId,
    properties: Object.fromEntries(
      Object.entries(c.fields).map(([name, value]) => [name, propertyValue(value)]),
    ),
  }))
  let answer: unknown
  try {
    answer = await hubspotSession(ctx).call(ctx, 'writing company properties', 'api', (c) =>
      c.crm.companies.batchApi.updateWithHttpInfo({ inputs }),
    )
  } catch (error) {
    const cause = error instanceof Cs360Error && error.kind === 'api' ? error.details.cause : null
    if (statusOf(cause) !== 400) throw error
    if (batch.length === 1) {
      result.failed.push({ recordId: batch[0]!.recordId, ...describe(bodyOf(cause)) })
      return
    }
    const half = Math.ceil(batch.length / 2)
    await writeBatch(ctx, batch.slice(0, half), result)
    await writeBatch(ctx, batch.slice(half), result)
    return
  }
  const { results, errors } = parseEnvelope(batchAnswer, answer, 'company batch update')
  const refused = new Map<string, { code: string; message: string }>()
  const unnamed: StandardError[] = []
  for (const e of errors ?? []) {
    const ids = e.context?.ids ?? []
    if (ids.length === 0) unnamed.push(e)
    for (const id of ids) refused.set(id, describe(e))
  }
  const written = new Set(results.map((r) => r.id))
  for (const { recordId } of batch) {
    const failure = refused.get(recordId)
    if (failure) result.failed.push({ recordId, ...failure })
    else if (written.has(recordId)) result.written.push(recordId)
    else
      result.failed.push({
        recordId,
        ...(unnamed[0]
          ? describe(unnamed[0])
          : { code: 'NO_RESULT', message: 'HubSpot answered neither a result nor an error' }),
      })
  }
}

/** HubSpot's error as a code (category/subCategory/codes) and a message per property. */
function describe(e: StandardError | Record<string, unknown>): { code: string; message: string } {
  const parsed = standardError.safeParse(e)
  const error = parsed.success ? parsed.data : {}
  const details = error.errors ?? []
  const codes = [...new Set(details.map((d) => d.code).filter((c): c is string => !!c))]
  const code = [error.category, error.subCategory, ...codes].filter(Boolean).join('/') || 'UNKNOWN'
  const message =
    details.length > 0 && details.every((d) => d.message)
      ? details
          .map((d) => ((d.in ?? d._in) ? `${d.in ?? d._in}: ${d.message}` : d.message))
          .join('; ')
      : (error.message ?? 'HubSpot refused the update without a message')
  return { code, message }
}
