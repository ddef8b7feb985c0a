import type { SandboxRequest, SandboxResponse } from '../framework/http-server.js'
import { paginationError } from './errors.js'

/** Both list endpoints' page limit. */
export const MAX_PAGE_SIZE = 100
/** Offset pagination stops after 100 pages (10,000 records) with a 400. */
const MAX_OFFSET_PAGES = 100

/**
 * One page of a list endpoint whose records are sorted by id, in the style the request asked
 * for: cursor pagination when it carries `page[size]`/`page[after]`/`page[before]`, offset
 * pagination (`page`, `per_page`) otherwise.
 * https://developer.zendesk.com/api-reference/introduction/pagination/
 */
export function listPage<T extends { id: number }>(
  req: SandboxRequest,
  selfUrl: string,
  name: string,
  records: T[],
): SandboxResponse {
  const q = req.query
  const cursorStyle = ['page[size]', 'page[after]', 'page[before]'].some((k) => q.has(k))
  return cursorStyle ? cursorPage(q, selfUrl, name, records) : offsetPage(q, selfUrl, name, records)
}

function cursorPage<T extends { id: number }>(
  q: URLSearchParams,
  selfUrl: string,
  name: string,
  records: T[],
): SandboxResponse {
  const size = Number(q.get('page[size]') ?? MAX_PAGE_SIZE)
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE)
    return paginationError(`page[size] must be an integer from 1 to ${MAX_PAGE_SIZE}`)
  const after = q.get('page[after]')
  const before = q.get('page[before]')
  const afterId = after === null ? null : decodeCursor(after)
  const beforeId = before === null ? null : decodeCursor(before)
  if (afterId === undefined || beforeId === undefined)
    return paginationError('page[after]/page[before] is not a valid cursor')
  let page: T[]
  let hasMore: boolean
  if (beforeId !== null) {
    const earlier = records.filter((r) => r.id < beforeId)
    page = earlier.slice(-size)
    hasMore = earlier.length > size
  } else {
    const later = afterId === null ? records : records.filter((r) => r.id > afterId)
    page = later.slice(0, size)
    hasMore = later.length > size
  }
  const first = page[0]
  const last = page[page.length - 1]
  const afterCursor = last ? encodeCursor(last.id) : null
  const beforeCursor = first ? encodeCursor(first.id) : null
  const link = (key: string, cursor: string) => {
    const params = new URLSearchParams(q)
    params.delete('page[after]')
    params.delete('page[before]')
    params.set('page[size]', String(size))
    params.set(key, cursor)
    return `${selfUrl}?${params}`
  }
  const forward = beforeId === null
  return {
    status: 200,
    body: {
      [name]: page,
      meta: { has_more: hasMore, after_cursor: afterCursor, before_cursor: beforeCursor },
      links: {
        next: afterCursor && (forward ? hasMore : true) ? link('page[after]', afterCursor) : null,
        prev:
          beforeCursor && (forward ? afterId !== null : hasMore)
            ? link('page[before]', beforeCursor)
            : null,
      },
    },
  }
}

function offsetPage<T>(
  q: URLSearchParams,
  selfUrl: string,
  name: string,
  records: T[],
): SandboxResponse {
  const page = Number(q.get('page') ?? 1)
  const perPage = Math.min(MAX_PAGE_SIZE, Number(q.get('per_page') ?? MAX_PAGE_SIZE))
  if (!Number.isInteger(page) || page < 1 || !Number.isInteger(perPage) || perPage < 1)
    return paginationError('page and per_page must be positive integers')
  if (page > MAX_OFFSET_PAGES)
    return paginationError(
      `Offset pagination is limited to the first ${MAX_OFFSET_PAGES} pages; use cursor pagination`,
    )
  const link = (n: number) => {
    const params = new URLSearchParams(q)
    params.set('page', String(n))
    params.set('per_page', String(perPage))
    return `${selfUrl}?${params}`
  }
  const start = (page - 1) * perPage
  return {
    status: 200,
    body: {
      [name]: records.slice(start, start + perPage),
      next_page: start + perPage < records.length ? link(page + 1) : null,
      previous_page: page > 1 ? link(page - 1) : null,
      count: records.length,
    },
  }
}

// Opaque to clients, but self-contained: a cursor stays valid however long a reader pauses.
function encodeCursor(id: number): string {
  return Buffer.from(JSON.stringify({ o: 'id', v: id })).toString('base64url')
}

/** The id a cursor points at, or undefined when it is not one of ours. */
function decodeCursor(cursor: string): number | undefined {
  try {
    const { v } = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { v?: unknown }
    return typeof v === 'number' && Number.isInteger(v) ? v : undefined
  } catch {
    return undefined
  }
}
