const DAY_MS = 86_400_000

const utc = (day: string) => Date.parse(`${day}T00:00:00Z`)

/** Calendar days from `from` to `to` (YYYY-MM-DD, UTC): negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((utc(to) - utc(from)) / DAY_MS)
}

export function addDays(day: string, days: number): string {
  return new Date(utc(day) + days * DAY_MS).toISOString().slice(0, 10)
}

export const laterDay = (a: string, b: string) => (a >= b ? a : b)
export const earlierDay = (a: string, b: string) => (a <= b ? a : b)
