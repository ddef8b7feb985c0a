/**
 * Calendar arithmetic on `YYYY-MM-DD` strings and epoch milliseconds, all in UTC, plus the
 * timestamp spelling of each API. Nothing here reads the clock: every date is relative to `asOf`.
 */
export const DAY_MS = 86_400_000

export function dateMs(date: string): number {
  return Date.parse(`${date}T00:00:00Z`)
}

export function dateOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10)
}

export function addDays(date: string, days: number): string {
  return dateOf(dateMs(date) + Math.round(days) * DAY_MS)
}

export function addMonths(date: string, months: number): string {
  const d = new Date(dateMs(date))
  const day = d.getUTCDate()
  d.setUTCDate(1)
  d.setUTCMonth(d.getUTCMonth() + months)
  // Clamp to the month's last day (Jan 31 + 1 month = Feb 28), as billing cycles do.
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate()
  d.setUTCDate(Math.min(day, last))
  return dateOf(d.getTime())
}

export function addYears(date: string, years: number): string {
  return addMonths(date, years * 12)
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((dateMs(to) - dateMs(from)) / DAY_MS)
}

/** A moment on `date`, `secondOfDay` seconds after midnight UTC. */
export function at(date: string, secondOfDay: number): number {
  return dateMs(date) + Math.floor(secondOfDay) * 1000
}

/** Salesforce: `2026-11-01T10:00:00.000+0000`. */
export function sfDatetime(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000')
}

/** HubSpot: ISO-8601 with milliseconds, `2026-11-01T10:00:00.000Z`. */
export function isoMillis(ms: number): string {
  return new Date(ms).toISOString()
}

/** Zendesk: ISO-8601 to the second, `2026-11-01T10:00:00Z`. */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')
}

/** Stripe: unix seconds. */
export function unixSeconds(ms: number): number {
  return Math.floor(ms / 1000)
}

/** Amplitude Export: UTC `2026-11-01 10:00:00.123000` (microseconds, no zone letter). */
export function amplitudeTime(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace('Z', '000')
}

/** The dataset's snapshot moment: the last second of `asOf`. Nothing is stamped later. */
export function snapshotMs(asOf: string): number {
  return dateMs(asOf) + DAY_MS - 1000
}
