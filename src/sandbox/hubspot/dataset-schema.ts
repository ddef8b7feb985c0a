import { z } from 'zod'

const hubspotId = z.string().regex(/^\d+$/, 'must be a numeric HubSpot id string')
const datetime = z.string().refine((v) => !Number.isNaN(Date.parse(v)), 'must be an ISO datetime')
/** HubSpot sends every property value as a string (numbers and dates included) or null. */
const value = z.string().nullable()
const numeric = z
  .string()
  .regex(/^-?\d+(\.\d+)?$/, 'must be a number written as a string')
  .nullable()
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a YYYY-MM-DD date')
  .nullable()

/** A custom property the portal has, in the shape `POST /crm/v3/properties/{objectType}` takes. */
export const hubspotPropertySchema = z.looseObject({
  name: z.string().regex(/^[a-z][a-z0-9_]*$/, 'property names are lower-case snake_case'),
  label: z.string().min(1),
  type: z.enum(['string', 'number', 'date', 'datetime', 'enumeration', 'bool']),
  fieldType: z.string().min(1),
  groupName: z.string().min(1),
})

/** `GET /crm/v3/owners` records: owners are not CRM objects and carry no `properties`. */
export const hubspotOwnerSchema = z.looseObject({
  id: hubspotId,
  email: z.string().min(3),
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  userId: z.number().int().optional(),
  type: z.enum(['PERSON', 'QUEUE']),
  createdAt: datetime,
  updatedAt: datetime,
  archived: z.boolean(),
})

const crmObject = <P extends z.ZodRawShape>(properties: P) =>
  z.looseObject({
    id: hubspotId,
    properties: z.object(properties).catchall(value),
    createdAt: datetime,
    updatedAt: datetime,
    archived: z.boolean(),
  })

export const hubspotCompanySchema = crmObject({
  name: z.string().min(1),
  domain: value.optional(),
  hubspot_owner_id: numeric.optional(),
  annualrevenue: numeric.optional(),
  numberofemployees: numeric.optional(),
  notes_last_updated: value.optional(),
  hs_lastmodifieddate: value.optional(),
})

/** A deal with its company links, as `GET …/deals?associations=companies` returns it. */
export const hubspotDealSchema = crmObject({
  dealname: z.string().min(1),
  amount: numeric.optional(),
  closedate: value.optional(),
  dealstage: z.string().min(1),
  pipeline: z.string().min(1),
  dealtype: value.optional(),
  hubspot_owner_id: numeric.optional(),
  hs_forecast_probability: numeric.optional(),
  contract_start_date: isoDate.optional(),
  contract_end_date: isoDate.optional(),
}).extend({
  associations: z
    .looseObject({
      companies: z
        .looseObject({ results: z.array(z.looseObject({ id: hubspotId, type: z.string() })) })
        .optional(),
    })
    .optional(),
})

/**
 * The `hubspot` section: the portal's custom properties per object type and its owners,
 * companies and deals in CRM v3 JSON shape.
 */
export const hubspotDatasetSchema = z
  .object({
    properties: z
      .object({
        companies: z.array(hubspotPropertySchema).default([]),
        deals: z.array(hubspotPropertySchema).default([]),
      })
      .strict()
      .default({ companies: [], deals: [] }),
    owners: z.array(hubspotOwnerSchema).default([]),
    companies: z.array(hubspotCompanySchema).default([]),
    deals: z.array(hubspotDealSchema).default([]),
  })
  .strict()

export type HubspotDataset = z.infer<typeof hubspotDatasetSchema>
export type HubspotProperty = z.infer<typeof hubspotPropertySchema>
