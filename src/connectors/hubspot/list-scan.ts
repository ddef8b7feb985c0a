import { advance, copy, seen, start, stampOf, type Position } from './position.js'

export interface ListPage {
  results: unknown[]
  /** The next page's `after`, absent on the last page. */
  next: string | undefined
}

export interface ScanPage {
  records: unknown[]
  /** Where the scan resumes: the next page's `after`, null once the list is done. */
  next: string | null
  /** The newest stamp (and its ids) yielded so far, never behind `cursor`. */
  newest: Position | null
}

/**
 * Pages through a list that cannot be filtered or ordered by the stamp cs360 follows (owners
 * by `updatedAt`, the recycle bin by `archivedAt`: both are listed by id), keeping what is newer
 * than `cursor`, or all of it when there is none. `lookbackMs` keeps the records stamped that
 * long before the cursor too. The cursor can only move once the whole list has been read, so
 * each page reports the newest stamp seen so far; a resumed scan continues from `resume`.
 */
export async function* scanList(options: {
  fetch: (after: string | undefined) => Promise<ListPage>
  stampField: string
  cursor: Position | null
  lookbackMs: number
  /** Where an earlier scan stopped (`after` undefined: the list's start), with its newest. */
  resume?: { after: string | undefined; newest: Position | null }
}): AsyncGenerator<ScanPage> {
  const { cursor, stampField } = options
  const keep = cursor && options.lookbackMs > 0 ? start(cursor.stamp - options.lookbackMs) : cursor
  const from = options.resume ? options.resume.newest : cursor
  let newest = from && copy(from)
  let after = options.resume?.after
  for (;;) {
    const page = await options.fetch(after)
    const records: unknown[] = []
    for (const raw of page.results) {
      const r = (raw ?? {}) as Record<string, unknown>
      const id = String(r.id)
      const stamp = stampOf(r[stampField])
      if (seen(keep, stamp, id)) continue
      records.push(raw)
      if (!Number.isNaN(stamp)) newest = advance(newest, stamp, id)
    }
    after = page.next
    yield { records, next: after ?? null, newest: newest && copy(newest) }
    if (!after) return
  }
}
