/** Calendar months as `YYYY-MM-01`, the way billing_mrr_monthly keys them (UTC). */

/** The month holding a `YYYY-MM-DD` day. */
export function monthOf(day: string): string {
  if (!/^\d{4}-\d{2}-\d{2}/.test(day)) throw new RangeError(`not a YYYY-MM-DD day: ${day}`)
  return `${day.slice(0, 7)}-01`
}

/** The month `n` months after (or before, for negative `n`) `month`. */
export function addMonths(month: string, n: number): string {
  const year = Number(month.slice(0, 4))
  const index = year * 12 + Number(month.slice(5, 7)) - 1 + n
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}-01`
}

/** The first month of the calendar quarter holding `month`. */
export function quarterOf(month: string): string {
  const m = Number(month.slice(5, 7))
  return addMonths(`${month.slice(0, 4)}-01-01`, Math.floor((m - 1) / 3) * 3)
}
