import type { ZendeskConfig } from './config.js'

const DAY_S = 86_400

/**
 * Sets query parameters on a URL without re-serializing the rest of it: node-zendesk uses a URL
 * verbatim only when it contains its endpointUri exactly, which `new URL()` could normalize away
 * (host case, default ports).
 */
export function withParams(url: string, params: Record<string, string | number>): string {
  const [path, query = ''] = url.split('?', 2) as [string, string?]
  const search = new URLSearchParams(query)
  for (const [key, value] of Object.entries(params)) search.set(key, String(value))
  return `${path}?${search}`
}

/** Unix seconds where the first ticket and CSAT export starts: `startDate`, else a year back. */
export function firstExportStart(config: ZendeskConfig, now: number = Date.now()): number {
  if (config.startDate) return Math.floor(Date.parse(`${config.startDate}T00:00:00Z`) / 1000)
  return Math.floor(now / 1000) - 365 * DAY_S
}

/** A checkpoint's id set, written as `1,2,3`. */
export function idSet(value: unknown): Set<string> {
  return new Set(typeof value === 'string' && value ? value.split(',') : [])
}

/** Unix seconds of a raw record's datetime field, or null when it is not one. */
export function secondsOf(record: unknown, field: string): number | null {
  const value = (record as Record<string, unknown> | null)?.[field]
  const ms = typeof value === 'string' ? Date.parse(value) : NaN
  return Number.isNaN(ms) ? null : Math.floor(ms / 1000)
}

/** A raw record's id as text ('' when it has none: such a record is quarantined by map). */
export function idOf(record: unknown): string {
  const id = (record as { id?: unknown } | null)?.id
  return typeof id === 'number' || typeof id === 'string' ? String(id) : ''
}
