import { DAY_MS } from '../dataset/dates.js'

export const HOUR_MS = 3_600_000

/** `2026-11-01 10:00:00.123000`: how exports write UTC (as dates.ts amplitudeTime, sliced). */
export function exportTime(ms: number): string {
  const iso = new Date(ms).toISOString()
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)}000`
}

/**
 * Export timestamps to epoch ms: `2026-11-01 10:00:00.123000` (what exports read) or ISO-8601
 * with `T`/`Z`. Null when it is neither.
 */
export function exportTimeMs(value: unknown): number | null {
  if (typeof value !== 'string') return null
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(\.\d{1,6})?Z?$/.exec(value)
  if (!m) return null
  const ms = Date.parse(`${m[1]}T${m[2]}${(m[3] ?? '').slice(0, 4)}Z`)
  return Number.isNaN(ms) ? null : ms
}

/** `20260201T05` (the Export API's start/end) to the hour's first ms; null when malformed. */
export function parseExportHour(value: string | null): number | null {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{1,2})$/.exec(value ?? '')
  if (!m) return null
  const [year, month, day, hour] = m.slice(1).map(Number) as [number, number, number, number]
  const ms = Date.UTC(year, month - 1, day, hour)
  const d = new Date(ms)
  // Date.UTC rolls 2026-02-30 over to March: a date that moved did not exist.
  if (hour > 23 || d.getUTCDate() !== day || d.getUTCMonth() !== month - 1) return null
  return ms
}

export const hourFloor = (ms: number) => Math.floor(ms / HOUR_MS) * HOUR_MS
export const dayFloor = (ms: number) => Math.floor(ms / DAY_MS) * DAY_MS
