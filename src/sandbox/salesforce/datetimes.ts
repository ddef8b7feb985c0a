const DATETIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,3})?(Z|[+-]\d{2}:?\d{2})?$/
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/** Salesforce prints datetimes as `2026-11-01T10:00:00.000+0000`. */
export function sfDatetime(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000')
}

/**
 * Epoch milliseconds of an ISO 8601 datetime as Salesforce accepts it (`Z`, `+0000` or
 * `+00:00`, no zone meaning UTC); undefined for anything else, including impossible dates.
 */
export function parseSfDatetime(text: string): number | undefined {
  const m = DATETIME.exec(text)
  if (!m || !validDay(m[1]!, m[2]!, m[3]!)) return undefined
  const zone = m[8] ?? 'Z'
  const iso = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${m[7] ?? ''}${
    zone === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(-2)}`
  }`
  const ms = Date.parse(iso)
  return Number.isNaN(ms) ? undefined : ms
}

export function isSfDate(text: string): boolean {
  const m = DATE.exec(text)
  return m !== null && validDay(m[1]!, m[2]!, m[3]!)
}

/** UTC calendar day of epoch milliseconds, `YYYY-MM-DD`. */
export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10)
}

export function addDays(day: string, days: number): string {
  return utcDay(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000)
}

function validDay(year: string, month: string, day: string): boolean {
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)))
  return date.getUTCMonth() === Number(month) - 1 && date.getUTCDate() === Number(day)
}
