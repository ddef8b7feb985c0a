import type { SandboxRequest, SandboxResponse } from '../framework/http-server.js'
import { invalidValue } from './errors.js'
import type { StoredTicket } from './records.js'
import type { ZendeskStore } from './store.js'

/** Records per page of an incremental export: default and maximum 1,000. */
export const MAX_EXPORT_PAGE = 1000
/** The export never returns the newest minute, and refuses a start_time inside it. */
const NEWEST_MINUTE_S = 60

/** `per_page`, capped at the maximum. */
export function exportPageSize(req: SandboxRequest): number | SandboxResponse {
  const raw = req.query.get('per_page')
  if (raw === null) return MAX_EXPORT_PAGE
  const n = Number(raw)
  if (!Number.isInteger(n) || n < 1) return invalidValue('per_page must be a positive integer')
  return Math.min(n, MAX_EXPORT_PAGE)
}

/**
 * The `start_time` of an export: unix seconds, at least one minute old. The 422 wording is what
 * client code in the wild matches on; the docs only say the value is refused.
 * https://developer.zendesk.com/api-reference/ticketing/ticket-management/incremental_exports/#start_time
 */
export function startTime(req: SandboxRequest, store: ZendeskStore): number | SandboxResponse {
  const raw = req.query.get('start_time')
  if (raw === null) return invalidValue('start_time is required')
  const value = Number(raw)
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(value))
    return invalidValue('start_time must be a unix epoch time in seconds')
  if (value > nowSeconds(store) - NEWEST_MINUTE_S)
    return invalidValue('Too recent start_time. Use a start_time older than 1 minute')
  return value
}

export const nowSeconds = (store: ZendeskStore): number => Math.floor(store.now() / 1000)

/**
 * Tickets as the export sees them, ordered by (generated_timestamp, id): the newest minute left
 * out, deleted ones too when asked (`exclude_deleted=true`).
 */
export function exportableTickets(store: ZendeskStore, excludeDeleted = false): StoredTicket[] {
  const cutoff = nowSeconds(store) - NEWEST_MINUTE_S
  return [...store.tickets.values()]
    .filter((t) => t.generated_timestamp <= cutoff && !(excludeDeleted && t.status === 'deleted'))
    .sort((a, b) => a.generated_timestamp - b.generated_timestamp || a.id - b.id)
}

/**
 * Sideloads a ticket page asks for with `include=`: the users it references and the tickets'
 * metric sets. Other sideload names are accepted and left out.
 * https://developer.zendesk.com/documentation/ticketing/using-the-zendesk-api/side_loading/
 */
export function ticketSideloads(
  req: SandboxRequest,
  store: ZendeskStore,
  tickets: StoredTicket[],
): Record<string, unknown[]> {
  const include = new Set((req.query.get('include') ?? '').split(',').map((s) => s.trim()))
  const out: Record<string, unknown[]> = {}
  if (include.has('users')) {
    const ids = new Set<number>()
    for (const t of tickets)
      for (const key of ['requester_id', 'submitter_id', 'assignee_id'])
        if (typeof t[key] === 'number') ids.add(t[key])
    out.users = [...ids].flatMap((id) => {
      const user = store.users.get(id)
      return user ? [user] : []
    })
  }
  if (include.has('metric_sets')) {
    out.metric_sets = tickets.flatMap((t) => {
      const metric = store.metrics.get(t.id)
      return metric ? [metric] : []
    })
  }
  return out
}

/** Query parameters a follow-up URL carries over (`cursor`/`start_time` are set anew). */
export function carriedParams(req: SandboxRequest): URLSearchParams {
  const params = new URLSearchParams()
  for (const key of ['per_page', 'include', 'exclude_deleted']) {
    const value = req.query.get(key)
    if (value !== null) params.set(key, value)
  }
  return params
}

/** `exclude_deleted=true` */
export const excludesDeleted = (req: SandboxRequest): boolean =>
  req.query.get('exclude_deleted') === 'true'
