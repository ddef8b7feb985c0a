import type { SandboxRequest, SandboxResponse } from '../framework/http-server.js'
import { invalidValue } from './errors.js'
import {
  carriedParams,
  exportPageSize,
  exportableTickets,
  excludesDeleted,
  startTime,
  ticketSideloads,
} from './export-window.js'
import type { StoredTicket } from './records.js'
import type { ZendeskStore } from './store.js'

/** A place in the (generated_timestamp, id) order, and which way a cursor reads from it. */
interface Position {
  timestamp: number
  id: number
  backwards: boolean
}

/**
 * `GET /api/v2/incremental/tickets/cursor`: the first request gives `start_time`, every later
 * one `cursor`. A cursor encodes its position (as Zendesk's do: `MTU3NjYxMzUzOS4wfHw0Njd8` is
 * `1576613539.0||467|`), so it stays valid across pauses and restarts. Ignores `page[size]`,
 * which node-zendesk appends to this path: the export's own parameter is `per_page` (what the
 * real API does with `page[size]` here is unverified).
 * https://developer.zendesk.com/api-reference/ticketing/ticket-management/incremental_exports/#incremental-ticket-export-cursor-based
 */
export function ticketCursorExport(
  req: SandboxRequest,
  store: ZendeskStore,
  selfUrl: string,
): SandboxResponse {
  const size = exportPageSize(req)
  if (typeof size !== 'number') return size
  let from: Position
  const cursor = req.query.get('cursor')
  if (cursor !== null) {
    const decoded = decodeCursor(cursor)
    if (!decoded) return invalidValue(`Invalid cursor: ${cursor}`)
    from = decoded
  } else {
    const start = startTime(req, store)
    if (typeof start !== 'number') return start
    from = { timestamp: start, id: -1, backwards: false }
  }
  const all = exportableTickets(store, excludesDeleted(req))
  let page: StoredTicket[]
  let endOfStream: boolean
  if (from.backwards) {
    const earlier = all.filter((t) => compare(t, from) < 0)
    page = earlier.slice(-size)
    endOfStream = false
  } else {
    const later = all.filter((t) => compare(t, from) > 0)
    page = later.slice(0, size)
    endOfStream = later.length <= size
  }
  const first = page[0]
  const last = page[page.length - 1]
  const after = last ? positionOf(last, false) : { ...from, backwards: false }
  const before = first && cursor !== null ? positionOf(first, true) : null
  const url = (position: Position) => {
    const params = carriedParams(req)
    params.set('cursor', encodeCursor(position))
    return `${selfUrl}?${params}`
  }
  return {
    status: 200,
    body: {
      tickets: page,
      after_url: url(after),
      after_cursor: encodeCursor(after),
      before_url: before ? url(before) : null,
      before_cursor: before ? encodeCursor(before) : null,
      end_of_stream: endOfStream,
      ...ticketSideloads(req, store, page),
    },
  }
}

function compare(ticket: StoredTicket, position: Position): number {
  return ticket.generated_timestamp - position.timestamp || ticket.id - position.id
}

function positionOf(ticket: StoredTicket, backwards: boolean): Position {
  return { timestamp: ticket.generated_timestamp, id: ticket.id, backwards }
}

function encodeCursor(p: Position): string {
  return Buffer.from(`${p.timestamp}.0||${p.id}|${p.backwards ? 'before' : ''}`).toString('base64')
}

function decodeCursor(cursor: string): Position | null {
  const text = Buffer.from(cursor, 'base64').toString('utf8')
  const match = /^(\d+)\.0\|\|(-?\d+)\|(before)?$/.exec(text)
  if (!match) return null
  return { timestamp: Number(match[1]), id: Number(match[2]), backwards: match[3] === 'before' }
}
