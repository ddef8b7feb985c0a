/**
 * The compact form of a year of product usage: per user, one token per active day,
 * `<gap>.<sessions>.<events>.<features>` in base 36, separated by spaces. `gap` counts days
 * after the previous active day (the first token: after the section's `from`), `features` is a
 * bitmask over the section's `features` list. `3.2.9.1b` reads "three days later: 2 sessions,
 * 9 events, features 0–3 and 5" — 8 bytes for what the Export API spells in about 8 KB.
 */
export interface ActiveDay {
  /** Days after the section's `from`. */
  offset: number
  sessions: number
  events: number
  /** Bit i set: the user used `features[i]` that day; bit 0 (the session opener) always. */
  features: number
}

const TOKEN = /^([0-9a-z]+)\.([0-9a-z]+)\.([0-9a-z]+)\.([0-9a-z]+)$/

export function encodeActivity(days: readonly ActiveDay[]): string {
  let previous = 0
  return days
    .map((d) => {
      const gap = d.offset - previous
      previous = d.offset
      return [gap, d.sessions, d.events, d.features].map((n) => n.toString(36)).join('.')
    })
    .join(' ')
}

export function decodeActivity(encoded: string): ActiveDay[] {
  const days: ActiveDay[] = []
  let offset = 0
  for (const token of encoded.split(' ')) {
    if (token === '') continue
    const m = TOKEN.exec(token)
    if (!m) throw new Error(`"${token}" is not <gap>.<sessions>.<events>.<features>`)
    const [gap, sessions, events, features] = m.slice(1).map((v) => parseInt(v, 36)) as [
      number,
      number,
      number,
      number,
    ]
    offset += gap
    days.push({ offset, sessions, events, features })
  }
  return days
}

export function featureCount(mask: number): number {
  let n = 0
  for (let m = mask; m > 0; m >>>= 1) n += m & 1
  return n
}

/**
 * What makes a plan impossible to expand, if anything: days out of order, a day without a
 * session, fewer events than sessions plus distinct features, a feature the list lacks.
 */
export function activityProblem(encoded: string, featureListLength: number): string | undefined {
  let days: ActiveDay[]
  try {
    days = decodeActivity(encoded)
  } catch (error) {
    return (error as Error).message
  }
  const tokens = encoded.split(' ').filter(Boolean)
  for (const [i, d] of days.entries()) {
    const token = tokens[i]
    if (i > 0 && d.offset <= days[i - 1]!.offset) return `"${token}": active days must ascend`
    if (d.sessions < 1) return `"${token}": an active day has at least one session`
    if ((d.features & 1) === 0) return `"${token}": every session opens with features[0]`
    if (d.features >= 2 ** featureListLength)
      return `"${token}": uses a feature past the features list`
    if (d.events < d.sessions + featureCount(d.features & ~1))
      return `"${token}": needs an event per session plus one per further feature`
  }
  return undefined
}
