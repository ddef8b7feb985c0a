import type { ObjectType, PropertySchema } from './properties.js'
import { coerceValue } from './values.js'

/** A CRM object as the v3 API returns it: every property value a string (or null). */
export interface CrmRecord {
  id: string
  properties: Record<string, string | null>
  createdAt: string
  updatedAt: string
  archived: boolean
  archivedAt?: string
}

/** Why one property of a write was refused, in HubSpot's terms. */
export interface PropertyProblem {
  name: string
  code: string
  message: string
}

export const iso = (ms: number) => new Date(ms).toISOString()

export function copyRecord(record: CrmRecord): CrmRecord {
  return { ...record, properties: { ...record.properties } }
}

/**
 * Checks the properties of a write against the portal's schema: unknown properties
 * (`PROPERTY_DOESNT_EXIST`), HubSpot's read-only bookkeeping (`READ_ONLY_VALUE`) and values that
 * do not fit the property's type or options. Returns the stored values, or every problem.
 */
export function checkWrite(
  schema: PropertySchema,
  type: ObjectType,
  input: unknown,
  ownerIds: ReadonlySet<string>,
  allowReadOnly = false,
):
  { ok: true; values: Record<string, string | null> } | { ok: false; problems: PropertyProblem[] } {
  const values: Record<string, string | null> = {}
  const problems: PropertyProblem[] = []
  const given = input && typeof input === 'object' ? (input as Record<string, unknown>) : {}
  for (const [name, raw] of Object.entries(given)) {
    const property = schema.get(type, name)
    if (!property) {
      problems.push({
        name,
        code: 'PROPERTY_DOESNT_EXIST',
        message: `Property "${name}" does not exist`,
      })
      continue
    }
    if (property.modificationMetadata.readOnlyValue && !allowReadOnly) {
      problems.push({
        name,
        code: 'READ_ONLY_VALUE',
        message: `${name} is a read only property; its value cannot be set.`,
      })
      continue
    }
    const coerced = coerceValue(property, raw, ownerIds)
    if (coerced.ok) values[name] = coerced.value
    else problems.push({ name, code: coerced.code, message: coerced.message })
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, values }
}

/** Values HubSpot derives on save: a deal's closed/won flags and stage probability. */
export function derive(
  type: ObjectType,
  record: CrmRecord,
  stageProbability: (stage: string) => string | undefined,
): void {
  if (type !== 'deals') return
  const stage = record.properties.dealstage
  const probability = stage ? stageProbability(stage) : undefined
  if (probability === undefined) return
  record.properties.hs_deal_stage_probability = probability
  record.properties.hs_is_closed = String(probability === '1.0' || probability === '0.0')
  record.properties.hs_is_closed_won = String(probability === '1.0')
}
