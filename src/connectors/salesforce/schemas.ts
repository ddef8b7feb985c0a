import { z } from 'zod'

/**
 * Shapes of the SOQL rows cs360 reads, parsed at the edge: a record that does not match is
 * quarantined with the zod message instead of failing deep inside the load.
 */
const sfId = z.string().regex(/^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/, 'not a Salesforce id')
const datetime = z.string().refine((v) => !Number.isNaN(Date.parse(v)), 'not a datetime')
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'not a YYYY-MM-DD date')

const base = {
  Id: sfId,
  SystemModstamp: datetime,
  IsDeleted: z.boolean().default(false),
}

export const userRecordSchema = z.object({
  ...base,
  Name: z.string().min(1),
  Email: z.string().nullish(),
  IsActive: z.boolean().nullish(),
})

export const accountRecordSchema = z.object({
  ...base,
  Name: z.string().min(1),
  Website: z.string().nullish(),
  Industry: z.string().nullish(),
  Type: z.string().nullish(),
  NumberOfEmployees: z.number().int().nullish(),
  AnnualRevenue: z.number().nullish(),
  OwnerId: sfId.nullish(),
  LastActivityDate: date.nullish(),
  CreatedDate: datetime.nullish(),
})

export const opportunityRecordSchema = z.object({
  ...base,
  AccountId: sfId.nullish(),
  Name: z.string().min(1),
  Type: z.string().nullish(),
  StageName: z.string().min(1),
  Amount: z.number().nullish(),
  Probability: z.number().min(0).max(100).nullish(),
  CloseDate: date.nullish(),
  IsClosed: z.boolean(),
  IsWon: z.boolean(),
  OwnerId: sfId.nullish(),
  CreatedDate: datetime.nullish(),
})

export const contractDate = date.nullish()
