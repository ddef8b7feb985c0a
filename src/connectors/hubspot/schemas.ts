import { z } from 'zod'
import { schemaDriftError } from '../../errors.js'

/**
 * Shapes of what @hubspot/api-client hands back (its models, made plain JSON: dates as ISO
 * strings), parsed at the edge. An envelope that is not what HubSpot documents is schema drift
 * and stops the stream; a record that does not fit is quarantined with the zod message.
 */
const hubspotId = z.string().regex(/^\d+$/, 'not a HubSpot id')
const datetime = z.string().refine((v) => !Number.isNaN(Date.parse(v)), 'not a datetime')
/** HubSpot writes a cleared value as "" or null. */
const blankToNull = (v: unknown) => (v === '' ? null : v)
const text = z.preprocess(blankToNull, z.string().nullish())
const numeric = z.preprocess(
  blankToNull,
  z
    .string()
    .regex(/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/, 'not a number')
    .transform(Number)
    .nullish(),
)
const whole = z.preprocess(
  blankToNull,
  z
    .string()
    .regex(/^-?\d+(\.0+)?$/, 'not a whole number')
    .transform(Number)
    .nullish(),
)
const stamp = z.preprocess(blankToNull, datetime.nullish())
/** Date properties come as `YYYY-MM-DD` (or, from some portals, midnight UTC in ISO form). */
export const dateValue = z.preprocess(
  blankToNull,
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}(T00:00(:00(\.0+)?)?Z)?$/, 'not a YYYY-MM-DD date')
    .transform((v) => v.slice(0, 10))
    .nullish(),
)

export const ownerSchema = z.object({
  id: hubspotId,
  email: text,
  firstName: text,
  lastName: text,
  userId: z.number().int().nullish(),
  createdAt: datetime.nullish(),
  updatedAt: datetime,
  archived: z.boolean().default(false),
})

const crmObject = <P extends z.ZodRawShape>(properties: P) =>
  z.object({
    id: hubspotId,
    properties: z.looseObject({
      hs_lastmodifieddate: datetime,
      createdate: stamp,
      ...properties,
    }),
    createdAt: datetime.nullish(),
    updatedAt: datetime.nullish(),
    archived: z.boolean().default(false),
    archivedAt: datetime.nullish(),
  })

export const companySchema = crmObject({
  name: z.preprocess(blankToNull, z.string().min(1, 'a company needs a name')),
  domain: text,
  website: text,
  industry: text,
  lifecyclestage: text,
  numberofemployees: whole,
  annualrevenue: numeric,
  hubspot_owner_id: z.preprocess(blankToNull, hubspotId.nullish()),
  notes_last_updated: stamp,
})

export const dealSchema = crmObject({
  dealname: z.preprocess(blankToNull, z.string().min(1, 'a deal needs a name')),
  amount: numeric,
  closedate: stamp,
  pipeline: z.preprocess(blankToNull, z.string().min(1, 'a deal needs a pipeline')),
  dealstage: z.preprocess(blankToNull, z.string().min(1, 'a deal needs a stage')),
  dealtype: text,
  hs_forecast_probability: numeric.pipe(z.number().min(0).max(1).nullish()),
  hubspot_owner_id: z.preprocess(blankToNull, hubspotId.nullish()),
})

const nextPage = z
  .object({ next: z.object({ after: z.string() }).loose().optional() })
  .loose()
  .optional()

export const searchPageSchema = z
  .object({ total: z.number().int(), results: z.array(z.unknown()), paging: nextPage })
  .loose()

export const listPageSchema = z.object({ results: z.array(z.unknown()), paging: nextPage }).loose()

/** Associations v4 batch read: `toObjectId` arrives as a number though typed a string. */
export const associationBatchSchema = z
  .object({
    results: z.array(
      z
        .object({
          _from: z.object({ id: z.string() }).loose(),
          to: z.array(
            z
              .object({
                toObjectId: z.union([z.number(), z.string()]).transform(String),
                associationTypes: z
                  .array(z.object({ typeId: z.number(), label: z.string().nullish() }).loose())
                  .default([]),
              })
              .loose(),
          ),
        })
        .loose(),
    ),
  })
  .loose()

export const pipelinesSchema = z
  .object({
    results: z.array(
      z
        .object({
          id: z.string(),
          stages: z.array(
            z
              .object({
                id: z.string(),
                metadata: z.looseObject({
                  isClosed: z.string().optional(),
                  probability: z.string().optional(),
                }),
              })
              .loose(),
          ),
        })
        .loose(),
    ),
  })
  .loose()

export const propertySchema = z
  .object({
    name: z.string(),
    label: z.string().optional(),
    type: z.string(),
    fieldType: z.string(),
    groupName: z.string().optional(),
    hubspotDefined: z.boolean().optional(),
    calculated: z.boolean().optional(),
    options: z
      .array(z.object({ value: z.string(), hidden: z.boolean().optional() }).loose())
      .default([]),
    modificationMetadata: z.object({ readOnlyValue: z.boolean().optional() }).loose().optional(),
  })
  .loose()

export const propertiesSchema = z.object({ results: z.array(propertySchema) }).loose()

export const accountDetailsSchema = z
  .object({ portalId: z.number().int(), uiDomain: z.string().optional() })
  .loose()

/** SDK models (class instances with Date fields) as plain JSON, the way HubSpot sent them. */
export function plain(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value ?? null))
}

/** Parses an answer's envelope; a mismatch is schema drift, never a crash deep inside. */
export function parseEnvelope<S extends z.ZodType>(
  schema: S,
  value: unknown,
  what: string,
): z.infer<S> {
  const parsed = schema.safeParse(plain(value))
  if (parsed.success) return parsed.data
  const issues = parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`)
  throw schemaDriftError(
    `HubSpot ${what}: unexpected answer (${issues.slice(0, 3).join('; ')})`,
    'hubspot',
  )
}
