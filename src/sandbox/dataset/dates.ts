const DAY = 86_400_000

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + Math.round(days) * DAY)
    .toISOString()
    .slice(0, 10)
}

export function addYears(date: string, years: number): string {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCFullYear(d.getUTCFullYear() + years)
  return d.toISOString().slice(0, 10)
}

/** A Salesforce datetime on `date` at a given second of the day. */
export function sfDatetimeOn(date: string, secondOfDay: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + Math.floor(secondOfDay) * 1000)
    .toISOString()
    .replace('Z', '+0000')
}
