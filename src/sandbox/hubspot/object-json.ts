import type { SandboxRequest } from '../framework/http-server.js'
import type { ObjectType, PropertySchema } from './properties.js'
import type { CrmRecord } from './records.js'

/** What every object answer carries whatever was asked. */
const ALWAYS = ['createdate', 'hs_lastmodifieddate', 'hs_object_id']

/** The properties an answer carries when none are asked for (shared/specs/hubspot/NOTES.md). */
const DEFAULTS: Record<ObjectType, string[]> = {
  companies: ['name', 'domain'],
  deals: ['dealname', 'amount', 'closedate', 'pipeline', 'dealstage'],
}

/** `objectType` path segments: names and HubSpot's object type ids. */
const OBJECT_TYPES: Record<string, ObjectType> = {
  companies: 'companies',
  company: 'companies',
  '0-2': 'companies',
  deals: 'deals',
  deal: 'deals',
  '0-3': 'deals',
}

export function objectTypeOf(segment: string | undefined): ObjectType | undefined {
  return segment === undefined ? undefined : OBJECT_TYPES[segment.toLowerCase()]
}

/**
 * `properties` as the SDK sends it (one query parameter per name) or comma-separated;
 * undefined when not given.
 */
export function requestedProperties(req: SandboxRequest): string[] | undefined {
  const given = req.query.getAll('properties')
  if (given.length === 0) return undefined
  return given.flatMap((v) => v.split(',')).filter(Boolean)
}

/**
 * A record as the API returns it: the asked properties (null when unset; names the portal
 * does not have are left out, as HubSpot does) plus the three it always adds.
 */
export function renderRecord(
  record: CrmRecord,
  type: ObjectType,
  schema: PropertySchema,
  asked: readonly string[] | undefined,
): Record<string, unknown> {
  const names = new Set([...(asked ?? DEFAULTS[type]), ...ALWAYS])
  const properties: Record<string, string | null> = {}
  for (const name of names) {
    if (!schema.get(type, name)) continue
    properties[name] = record.properties[name] ?? null
  }
  return {
    id: record.id,
    properties,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    archived: record.archived,
    ...(record.archivedAt ? { archivedAt: record.archivedAt } : {}),
  }
}
