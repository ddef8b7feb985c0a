import type { SandboxRequest, SandboxResponse } from '../framework/http-server.js'
import { carriedParams, exportPageSize, startTime } from './export-window.js'
import type { ZendeskStore } from './store.js'

/** What a time-based export needs to know about its resource. */
export interface TimeBasedResource<T extends { id: number }> {
  name: string
  /** The records the export may return, in any order. */
  records(): T[]
  /** The unix second the export filters and orders on. */
  time(record: T): number
  /** Sideloads for a page (`include=`). */
  sideloads?(page: T[]): Record<string, unknown[]>
}

/**
 * A time-based incremental export (`/incremental/organizations`, `/incremental/tickets`):
 * records at or after `start_time`, oldest first, `per_page` of them, and then every further
 * record sharing the last one's second, so a page can run past `per_page`. `end_time` is that
 * last second and `next_page` starts there again, so those records repeat on the next page; a
 * client drops the repeats by id + updated_at. More than a page of records in one second makes
 * `next_page` return the same page forever.
 * https://developer.zendesk.com/documentation/ticketing/managing-tickets/using-the-incremental-export-api/#time-based-incremental-exports
 */
export function timeBasedExport<T extends { id: number }>(
  req: SandboxRequest,
  store: ZendeskStore,
  selfUrl: string,
  resource: TimeBasedResource<T>,
): SandboxResponse {
  const size = exportPageSize(req)
  if (typeof size !== 'number') return size
  const start = startTime(req, store)
  if (typeof start !== 'number') return start
  const pending = resource
    .records()
    .filter((r) => resource.time(r) >= start)
    .sort((a, b) => resource.time(a) - resource.time(b) || a.id - b.id)
  let count = Math.min(size, pending.length)
  const lastTime = count > 0 ? resource.time(pending[count - 1]!) : start
  while (count < pending.length && resource.time(pending[count]!) === lastTime) count += 1
  const page = pending.slice(0, count)
  const params = carriedParams(req)
  params.set('start_time', String(lastTime))
  return {
    status: 200,
    body: {
      [resource.name]: page,
      count: page.length,
      end_time: lastTime,
      next_page: `${selfUrl}?${params}`,
      end_of_stream: count === pending.length,
      ...resource.sideloads?.(page),
    },
  }
}
