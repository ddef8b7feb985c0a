import { z } from 'zod'

/** A custom field the org has (`CS360_Health_Score__c`), as a dataset declares it. */
export const customFieldSchema = z
  .object({
    name: z.string().regex(/^[A-Za-z][A-Za-z0-9_]*__c$/, 'custom field names end in __c'),
    type: z.enum([
      'string',
      'textarea',
      'double',
      'currency',
      'percent',
      'int',
      'date',
      'datetime',
      'boolean',
      'picklist',
      'url',
      'email',
    ]),
    label: z.string().min(1),
    length: z.number().int().positive().optional(),
    precision: z.number().int().positive().optional(),
    scale: z.number().int().min(0).optional(),
    picklistValues: z.array(z.string()).optional(),
    externalId: z.boolean().optional(),
  })
  .strict()

const sfRecord = z.record(z.string(), z.unknown()).and(
  z.object({
    Id: z.string().regex(/^[a-zA-Z0-9]{18}$/, 'must be an 18-character Salesforce id'),
  }),
)

/**
 * The `salesforce` section of a sandbox dataset: the org's custom fields per object and its
 * records in REST API JSON shape (without `attributes`, which the server adds).
 */
export const salesforceDatasetSchema = z
  .object({
    objects: z
      .record(
        z.string(),
        z.object({ customFields: z.array(customFieldSchema).default([]) }).strict(),
      )
      .default({}),
    records: z.record(z.string(), z.array(sfRecord)),
  })
  .strict()

export type SalesforceDataset = z.infer<typeof salesforceDatasetSchema>
export type CustomField = z.infer<typeof customFieldSchema>
