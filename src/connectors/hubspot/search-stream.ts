import { schemaDriftError } from '../../errors.js'
import type { ConnectorContext } from '../types.js'
import { search, type CrmObject, type SearchFilter, type SearchRequest } from './api.js'
import type { HubspotConfig } from './config.js'
import { advance, copy, past, seen, stampOf, type Position } from './position.js'

const STAMP = 'hs_lastmodifieddate'
const ID = 'hs_object_id'
/** Ids one NOT_IN filter lists; a longer run of records sharing a stamp is paged by id instead. */
export const NOT_IN_MAX = 100

/** What a search result carries that the read itself needs. */
export interface RawObject {
  id: string
  properties: Record<string, unknown>
}

export interface SearchPassPage {
  records: RawObject[]
  position: Position
}

/**
 * Pages through every record of `type` modified at or after `from`, oldest first, by keyset
 * rather than by offset: each request is a fresh search starting where the previous page
 * ended, so no request ever pages past search's 10,000-result cap however many records changed,
 * and a record modified while the read runs moves to the end instead of shifting the records
 * behind it out of the page they were on (offset paging loses one record each time).
 *
 * HubSpot sorts a search by one property and returns records that share its value in no
 * particular order. The next page therefore starts after the last stamp read (`GT`) plus the
 * records at that stamp not yet read (`EQ` and `NOT_IN` their ids). When more records share one
 * millisecond than a NOT_IN filter can list (an import, a workflow), that stamp is paged by id
 * (`EQ` stamp, `hs_object_id GT` the last id, sorted by id) until it is exhausted.
 * `below` (exclusive) bounds the pass: the lookback re-read of the window before the cursor.
 * https://developers.hubspot.com/docs/guides/api/crm/search#limitations
 */
export async function* searchPass(
  ctx: ConnectorContext<HubspotConfig>,
  type: CrmObject,
  properties: string[],
  from: Position,
  below?: number,
): AsyncGenerator<SearchPassPage> {
  const limit = ctx.config.pageSize
  let position = copy(from)
  for (;;) {
    if (position.tieAfter === null && position.ids.size > NOT_IN_MAX) position.tieAfter = '0'
    const tie = position.tieAfter !== null
    const request = tie ? tieQuery(position) : forwardQuery(position, below)
    const page = await search(ctx, type, { ...request, properties, limit })
    const results = page.results.map(rawObject)
    const exhausted = !page.paging?.next || results.length < limit
    const records: RawObject[] = []
    if (tie) {
      for (const r of results) if (!position.ids.has(r.id)) records.push(r)
      const last = results.at(-1)?.id
      if (!exhausted && last !== undefined && Number(last) <= Number(position.tieAfter))
        throw schemaDriftError(`HubSpot ${type} search ignored its hs_object_id filter`, 'hubspot')
      position =
        exhausted || last === undefined ? past(position.stamp) : { ...position, tieAfter: last }
    } else {
      for (const r of results) {
        const stamp = stampOf(r.properties[STAMP])
        if (seen(position, stamp, r.id)) continue
        records.push(r)
        position = advance(position, stamp, r.id)
      }
      // A full page of records already read: more share the stamp than the page holds.
      if (!exhausted && records.length === 0) position = { ...position, tieAfter: '0' }
    }
    const done = exhausted && !tie
    if (records.length > 0 || done) yield { records, position: copy(position) }
    if (done) return
  }
}

/** Records after the position, oldest first: GT its stamp, or EQ it and not read yet. */
function forwardQuery(
  position: Position,
  below: number | undefined,
): Omit<SearchRequest, 'properties' | 'limit'> {
  const bound: SearchFilter[] =
    below === undefined ? [] : [{ propertyName: STAMP, operator: 'LT', value: String(below) }]
  const stamp = String(position.stamp)
  const filterGroups =
    position.ids.size === 0
      ? [{ filters: [{ propertyName: STAMP, operator: 'GTE' as const, value: stamp }, ...bound] }]
      : [
          { filters: [{ propertyName: STAMP, operator: 'GT' as const, value: stamp }, ...bound] },
          {
            filters: [
              { propertyName: STAMP, operator: 'EQ' as const, value: stamp },
              { propertyName: ID, operator: 'NOT_IN' as const, values: [...position.ids] },
            ],
          },
        ]
  return { filterGroups, sorts: [{ propertyName: STAMP, direction: 'ASCENDING' }] }
}

/** The records of the position's stamp after `tieAfter`, by id. */
function tieQuery(position: Position): Omit<SearchRequest, 'properties' | 'limit'> {
  return {
    filterGroups: [
      {
        filters: [
          { propertyName: STAMP, operator: 'EQ', value: String(position.stamp) },
          { propertyName: ID, operator: 'GT', value: position.tieAfter ?? '0' },
        ],
      },
    ],
    sorts: [{ propertyName: ID, direction: 'ASCENDING' }],
  }
}

/** A search result as the read sees it; what does not fit is left for the mapping to quarantine. */
function rawObject(value: unknown): RawObject {
  const r = (value ?? {}) as { id?: unknown; properties?: unknown }
  const properties =
    r.properties && typeof r.properties === 'object'
      ? (r.properties as Record<string, unknown>)
      : {}
  return Object.assign(value as object, { id: String(r.id), properties })
}
