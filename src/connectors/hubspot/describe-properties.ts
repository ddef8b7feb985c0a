import type { ConnectorContext, CrmField, ProvisionField, ProvisionResult } from '../types.js'
import { hubspotSession } from './client.js'
import type { HubspotConfig } from './config.js'
import { Cs360Error } from '../../errors.js'
import { statusOf } from './errors.js'
import { parseEnvelope, propertiesSchema } from './schemas.js'

type Ctx = ConnectorContext<HubspotConfig>
type Property = ReturnType<typeof propertiesSchema.parse>['results'][number]

const TYPES: Record<string, CrmField['type']> = {
  number: 'number',
  string: 'text',
  enumeration: 'picklist',
  date: 'date',
  datetime: 'datetime',
  bool: 'boolean',
}

/** How cs360 creates each kind of field it writes: HubSpot's `type` and `fieldType`. */
const CREATE_AS: Record<ProvisionField['type'], { type: string; fieldType: string }> = {
  number: { type: 'number', fieldType: 'number' },
  text: { type: 'string', fieldType: 'text' },
  date: { type: 'date', fieldType: 'date' },
  picklist: { type: 'enumeration', fieldType: 'select' },
}

/**
 * The company properties as HubSpot describes them. Read-only and calculated ones cannot be
 * written. An enumeration lists its
 * visible option values.
 * https://developers.hubspot.com/docs/reference/api/crm/properties
 */
export async function companyProperties(ctx: Ctx): Promise<Property[]> {
  const answer = await hubspotSession(ctx).call(ctx, 'reading company properties', 'api', (c) =>
    c.crm.properties.coreApi.getAllWithHttpInfo('companies'),
  )
  return parseEnvelope(propertiesSchema, answer, 'company properties').results
}

/**
 * cs360 owns the properties in its own group (`writeBack.propertyGroup`, where `cs360 crm
 * provision` creates them); HubSpot's own and the portal's other custom properties are written
 * only when `writeBack.standardFields` names them.
 */
export function crmField(p: Property, ownGroup: string): CrmField {
  const type = TYPES[p.type] ?? 'other'
  return {
    name: p.name,
    label: p.label,
    type,
    updateable: !p.modificationMetadata?.readOnlyValue && !p.calculated,
    custom: !p.hubspotDefined && p.groupName === ownGroup,
    options:
      type === 'picklist' ? p.options.filter((o) => !o.hidden).map((o) => o.value) : undefined,
  }
}

/**
 * Creates the company properties cs360 writes that the portal lacks, in the property group
 * `writeBack.propertyGroup` (created first; 409 when it exists). Idempotent: a property that
 * exists is reported as existing, and when none is missing nothing is created at all.
 * https://developers.hubspot.com/docs/reference/api/crm/properties#create-a-property
 */
export async function provisionProperties(
  ctx: Ctx,
  fields: ProvisionField[],
): Promise<ProvisionResult> {
  const session = hubspotSession(ctx)
  const have = new Set((await companyProperties(ctx)).map((p) => p.name))
  const result: ProvisionResult = { created: [], existing: [], manual: [] }
  const missing = fields.filter((f) => !have.has(f.name))
  result.existing.push(...fields.filter((f) => have.has(f.name)).map((f) => f.name))
  if (missing.length === 0) return result
  const groupName = ctx.config.writeBack.propertyGroup
  await ignoreConflict(
    session.call(ctx, `creating the property group ${groupName}`, 'api', (c) =>
      c.crm.properties.groupsApi.createWithHttpInfo('companies', {
        name: groupName,
        label: groupName === 'cs360' ? 'CS360' : groupName,
      }),
    ),
  )
  for (const field of missing) {
    const created = await ignoreConflict(
      session.call(ctx, `creating the company property ${field.name}`, 'api', (c) =>
        c.crm.properties.coreApi.createWithHttpInfo('companies', {
          name: field.name,
          label: field.label,
          groupName,
          ...CREATE_AS[field.type],
          ...(field.type === 'picklist'
            ? {
                options: (field.options ?? []).map((value, displayOrder) => ({
                  label: value,
                  value,
                  displayOrder,
                  hidden: false,
                })),
              }
            : {}),
        } as Parameters<typeof c.crm.properties.coreApi.createWithHttpInfo>[1]),
      ),
    )
    ;(created ? result.created : result.existing).push(field.name)
  }
  return result
}

/** True when the call created the thing; false on 409 (it exists already). */
async function ignoreConflict(call: Promise<unknown>): Promise<boolean> {
  try {
    await call
    return true
  } catch (error) {
    if (error instanceof Cs360Error && statusOf(error.details.cause) === 409) return false
    throw error
  }
}
