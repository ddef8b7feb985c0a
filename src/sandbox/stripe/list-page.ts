import { StripeApiError, noSuch } from './errors.js'
import type { FormParams } from './form-params.js'
import { exclusive, limitParam, rangeParam, stringParam } from './list-params.js'
import type { Entry, StripeRecord } from './store.js'

export interface ListPage {
  object: 'list'
  data: StripeRecord[]
  has_more: boolean
  url: string
}

/**
 * One page of a list endpoint. Objects are newest first; `starting_after=<id>` continues with the
 * older objects after that one, `ending_before=<id>` returns the page of newer objects right
 * before it (still newest first; `has_more` then says whether even newer ones exist). A cursor
 * is a position in the whole list, so it may be an object the filters leave out; a cursor that
 * names nothing is a 400 resource_missing on that parameter.
 * https://docs.stripe.com/api/pagination
 */
export function listPage(
  ordered: Entry[],
  params: FormParams,
  options: {
    url: string
    /** How an unknown cursor is named: "No such customer: 'cus_x'". */
    kind: string
    matches: (record: StripeRecord) => boolean
  },
): ListPage {
  const limit = limitParam(params)
  exclusive(params, 'starting_after', 'ending_before')
  const created = rangeParam(params, 'created')
  const keep = (e: Entry) =>
    !e.deleted && options.matches(e.record) && (!created || created(e.record.created))
  const after = stringParam(params, 'starting_after')
  const before = stringParam(params, 'ending_before')
  const cursor = after ?? before
  let position = -1
  if (cursor !== undefined) {
    position = ordered.findIndex((e) => e.record.id === cursor)
    if (position < 0)
      throw new StripeApiError(
        noSuch(options.kind, cursor, after !== undefined ? 'starting_after' : 'ending_before'),
      )
  }
  if (before !== undefined) {
    const newer = ordered.slice(0, position).filter(keep)
    const data = newer.slice(Math.max(0, newer.length - limit))
    return page(data, newer.length > data.length, options.url)
  }
  const older = ordered.slice(position + 1).filter(keep)
  return page(older.slice(0, limit), older.length > limit, options.url)
}

function page(entries: Entry[], hasMore: boolean, url: string): ListPage {
  return { object: 'list', data: entries.map((e) => e.record), has_more: hasMore, url }
}
