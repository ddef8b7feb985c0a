import { z } from 'zod'

/** Field types as describe reports them (the subset the sandbox serves). */
export const fieldTypeSchema = z.enum([
  'id',
  'reference',
  'string',
  'textarea',
  'url',
  'email',
  'phone',
  'picklist',
  'int',
  'double',
  'currency',
  'percent',
  'date',
  'datetime',
  'boolean',
])

export type FieldType = z.infer<typeof fieldTypeSchema>

/** A custom field the org has (`CS360_Health_Score__c`), as a dataset declares it. */
export const customFieldSchema = z
  .object({
    name: z.string().regex(/^[A-Za-z][A-Za-z0-9_]*__c$/, 'custom field names end in __c'),
    type: fieldTypeSchema.exclude(['id', 'reference']),
    label: z.string().min(1),
    /** Text fields: maximum characters (default 255). */
    length: z.number().int().positive().optional(),
    /** Number fields: total digits and digits after the decimal point; values are rounded to scale. */
    precision: z.number().int().positive().max(18).optional(),
    scale: z.number().int().min(0).max(17).optional(),
    picklistValues: z.array(z.string()).optional(),
    externalId: z.boolean().optional(),
  })
  .strict()
  .refine((f) => f.scale === undefined || f.scale <= (f.precision ?? 18), {
    message: 'scale cannot exceed precision',
    path: ['scale'],
  })

const idSchema = z.string().regex(/^[a-zA-Z0-9]{18}$/, 'must be an 18-character Salesforce id')

const objectSchema = z
  .object({ customFields: z.array(customFieldSchema).default([]) })
  .strict()
  .superRefine((object, ctx) => {
    const seen = new Set<string>()
    object.customFields.forEach((field, index) => {
      const key = field.name.toLowerCase()
      if (seen.has(key))
        ctx.addIssue({
          code: 'custom',
          path: ['customFields', index, 'name'],
          message: `duplicate custom field ${field.name}`,
        })
      seen.add(key)
    })
  })

/**
 * The `salesforce` section of a sandbox dataset: the org's custom fields per object and its
 * records in REST API JSON shape without `attributes` (the server adds them). Field names and
 * value types are checked against the object's fields when the server loads the dataset.
 */
export const salesforceDatasetSchema = z
  .object({
    objects: z.record(z.string(), objectSchema).default({}),
    records: z.record(z.string(), z.array(z.looseObject({ Id: idSchema }))),
  })
  .strict()

export type SalesforceDataset = z.infer<typeof salesforceDatasetSchema>
export type CustomField = z.infer<typeof customFieldSchema>
