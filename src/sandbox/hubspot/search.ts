import { z } from 'zod'
import type { ObjectType, PropertyDefinition, PropertySchema } from './properties.js'
import type { CrmRecord } from './records.js'

/** Limits of CRM search since 2024-08 (the OpenAPI text still says 6 groups). */
export const SEARCH_LIMITS = {
  groups: 5,
  filtersPerGroup: 10,
  filters: 25,
  pageMax: 200,
  results: 10_000,
}

const OPERATORS = [
  'EQ',
  'NEQ',
  'LT',
  'LTE',
  'GT',
  'GTE',
  'BETWEEN',
  'IN',
  'NOT_IN',
  'HAS_PROPERTY',
  'NOT_HAS_PROPERTY',
  'CONTAINS_TOKEN',
  'NOT_CONTAINS_TOKEN',
] as const

const filterSchema = z.object({
  propertyName: z.string().min(1),
  operator: z.enum(OPERATORS),
  value: z.union([z.string(), z.number(), z.boolean()]).optional(),
  highValue: z.union([z.string(), z.number()]).optional(),
  values: z.array(z.union([z.string(), z.number()])).optional(),
})

const sortSchema = z.union([
  z.string().min(1),
  z.object({
    propertyName: z.string().min(1),
    direction: z.enum(['ASCENDING', 'DESCENDING']).default('ASCENDING'),
  }),
])

export const searchRequestSchema = z.object({
  filterGroups: z.array(z.object({ filters: z.array(filterSchema) })).default([]),
  sorts: z.array(sortSchema).default([]),
  query: z.string().optional(),
  properties: z.array(z.string()).optional(),
  limit: z.number().int().min(1).default(10),
  after: z.union([z.string(), z.number()]).optional(),
})

export type SearchRequest = z.infer<typeof searchRequestSchema>
type Filter = z.infer<typeof filterSchema>

/** The limits a request breaks, in HubSpot's words where known (unverified otherwise). */
export function searchProblem(req: SearchRequest): string | undefined {
  const filters = req.filterGroups.reduce((n, g) => n + g.filters.length, 0)
  if (req.limit > SEARCH_LIMITS.pageMax)
    return `limit: must be less than or equal to ${SEARCH_LIMITS.pageMax}`
  if (req.filterGroups.length > SEARCH_LIMITS.groups)
    return `Too many filter groups: ${req.filterGroups.length}. The maximum is ${SEARCH_LIMITS.groups}.`
  if (req.filterGroups.some((g) => g.filters.length > SEARCH_LIMITS.filtersPerGroup))
    return `Too many filters in a filter group. The maximum is ${SEARCH_LIMITS.filtersPerGroup}.`
  if (filters > SEARCH_LIMITS.filters)
    return `Too many filters: ${filters}. The maximum across all filter groups is ${SEARCH_LIMITS.filters}.`
  return undefined
}

/** A comparable value of a property: numbers for numeric and time properties, text otherwise. */
function comparable(property: PropertyDefinition, value: unknown): number | string | null {
  if (value === null || value === undefined || value === '') return null
  const text = String(value)
  if (property.type === 'number') return Number(text)
  if (property.type === 'date' || property.type === 'datetime') {
    if (/^\d+$/.test(text)) return Number(text)
    const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text)
    return Number.isNaN(ms) ? null : ms
  }
  return text.toLowerCase()
}

function matches(property: PropertyDefinition, filter: Filter, raw: string | null): boolean {
  const value = comparable(property, raw)
  const target = comparable(property, filter.value)
  switch (filter.operator) {
    case 'HAS_PROPERTY':
      return value !== null
    case 'NOT_HAS_PROPERTY':
      return value === null
    case 'EQ':
      return value !== null && value === target
    case 'NEQ':
      return value !== target
    case 'IN':
    case 'NOT_IN': {
      const set = (filter.values ?? []).map((v) => comparable(property, v))
      return (value !== null && set.includes(value)) === (filter.operator === 'IN')
    }
    case 'CONTAINS_TOKEN':
    case 'NOT_CONTAINS_TOKEN': {
      const token = String(filter.value ?? '')
        .toLowerCase()
        .replaceAll('*', '')
      const found = typeof value === 'string' && value.includes(token)
      return found === (filter.operator === 'CONTAINS_TOKEN')
    }
    case 'BETWEEN': {
      const high = comparable(property, filter.highValue)
      return value !== null && target !== null && high !== null && value >= target && value <= high
    }
    default: {
      if (value === null || target === null) return false
      if (filter.operator === 'LT') return value < target
      if (filter.operator === 'LTE') return value <= target
      if (filter.operator === 'GT') return value > target
      return value >= target
    }
  }
}

/** Properties free-text `query` looks in. */
const QUERY_PROPERTIES: Record<ObjectType, string[]> = {
  companies: ['name', 'domain', 'website', 'phone'],
  deals: ['dealname'],
}

/** The index's order among equal sort values: stable, yet unrelated to ids (as HubSpot's). */
const scramble = (id: string) => Math.imul(Number(id) % 2_147_483_647, 2_654_435_761) >>> 0

/**
 * Runs a search over what the index shows: filter groups ORed, filters in a group ANDed, then
 * the sort. HubSpot documents one sorting rule per search; the sandbox applies the first and
 * ignores the rest, and records with equal sort values come in no particular order (ids are
 * no tie-break), so a client paging on a sort must handle ties itself.
 */
export function runSearch(
  records: readonly CrmRecord[],
  type: ObjectType,
  schema: PropertySchema,
  req: SearchRequest,
): { matched: CrmRecord[] } | { unknownProperty: string } {
  for (const group of req.filterGroups)
    for (const f of group.filters)
      if (!schema.get(type, f.propertyName)) return { unknownProperty: f.propertyName }
  const query = req.query?.trim().toLowerCase()
  const matched = records.filter((record) => {
    if (
      query &&
      !QUERY_PROPERTIES[type].some((p) => record.properties[p]?.toLowerCase().includes(query))
    )
      return false
    if (req.filterGroups.length === 0) return true
    return req.filterGroups.some((g) =>
      g.filters.every((f) =>
        matches(schema.get(type, f.propertyName)!, f, record.properties[f.propertyName] ?? null),
      ),
    )
  })
  const sort = req.sorts[0]
  if (!sort) return { matched: matched.sort((a, b) => Number(a.id) - Number(b.id)) }
  const [name, descending] =
    typeof sort === 'string'
      ? [sort.replace(/^-/, ''), sort.startsWith('-')]
      : [sort.propertyName, sort.direction === 'DESCENDING']
  const property = schema.get(type, name)
  if (!property) return { unknownProperty: name }
  const keyed = matched.map((r) => ({
    r,
    key: comparable(property, r.properties[name] ?? null),
    tie: scramble(r.id),
  }))
  keyed.sort((a, b) => {
    if (a.key === b.key) return a.tie - b.tie
    if (a.key === null) return 1
    if (b.key === null) return -1
    const order = a.key < b.key ? -1 : 1
    return descending ? -order : order
  })
  return { matched: keyed.map((k) => k.r) }
}
