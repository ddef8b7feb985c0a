/** Calendar months in UTC, on Stripe's unix seconds. */

/** `YYYY-MM-01` of the month holding `unix`. */
export function monthOf(unix: number): string {
  return `${new Date(unix * 1000).toISOString().slice(0, 7)}-01`
}

/** Unix seconds `months` calendar months after `unix`, clamped to the month's end as billing is. */
export function addMonths(unix: number, months: number): number {
  const d = new Date(unix * 1000)
  const day = d.getUTCDate()
  d.setUTCDate(1)
  d.setUTCMonth(d.getUTCMonth() + months)
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate()
  d.setUTCDate(Math.min(day, last))
  return Math.floor(d.getTime() / 1000)
}

/** Calendar months from `start` to `end`: whole months stepped on the calendar, plus a fraction. */
export function monthsBetween(start: number, end: number): number {
  let whole = 0
  while (addMonths(start, whole + 1) <= end) whole++
  const from = addMonths(start, whole)
  const next = addMonths(start, whole + 1)
  return whole + (end - from) / (next - from)
}

/** The last second of every calendar month that ends within [start, end), up to `until`. */
export function monthEndsWithin(start: number, end: number, until: number): number[] {
  const ends: number[] = []
  const first = new Date(start * 1000)
  for (let m = 0; ; m++) {
    const monthEnd = Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + m + 1, 1) / 1000 - 1
    if (monthEnd >= end || monthEnd > until) return ends
    if (monthEnd >= start) ends.push(monthEnd)
  }
}
