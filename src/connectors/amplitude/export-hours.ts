/** Hour arithmetic of the Export API: UTC hours named `YYYYMMDDTHH`, both ends inclusive. */
export const HOUR_MS = 3_600_000

export const hourFloor = (ms: number) => Math.floor(ms / HOUR_MS) * HOUR_MS

/** `2026-11-20T05:…` → `20261120T05`, the Export API's `start`/`end` spelling. */
export function exportHour(ms: number): string {
  const iso = new Date(ms).toISOString()
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}T${iso.slice(11, 13)}`
}

/** The inverse of exportHour; null for anything else (a checkpoint written by hand …). */
export function parseExportHour(value: unknown): number | null {
  const m = typeof value === 'string' ? /^(\d{4})(\d{2})(\d{2})T(\d{2})$/.exec(value) : null
  if (!m) return null
  const ms = Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:00:00Z`)
  return Number.isNaN(ms) ? null : ms
}

/**
 * Export timestamps to epoch ms. The docs promise "UTC ISO-8601"; exports read
 * `2026-11-01 10:00:00.123000` (no zone letter, microseconds), so both spellings are read as
 * UTC. Null for anything that is not a timestamp.
 */
export function exportTimeMs(value: unknown): number | null {
  if (typeof value !== 'string') return null
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+-]00:?00)?$/.exec(value)
  if (!m) return null
  const ms = Date.parse(`${m[1]}T${m[2]}${(m[3] ?? '').slice(0, 4)}Z`)
  return Number.isNaN(ms) ? null : ms
}

/** The last hour that may be exported: whole hours that ended at least `lagHours` ago. */
export function lastExportableHour(nowMs: number, lagHours: number): number {
  return hourFloor(nowMs - lagHours * HOUR_MS) - HOUR_MS
}
