import type { Attribution } from './account-key.js'

type Attributed = Extract<Attribution, { ok: true }>

/**
 * One account in one export hour: the usage `map` turns into a usage_daily row whose
 * `hours_loaded` has only this hour's bit (so loading it twice adds nothing), and the account
 * itself for source_accounts (when it was seen, its `$groupidentify` name).
 */
export interface HourUsage {
  cs360: 'usage_hour'
  account: string
  /** UTC day and hour the events reached Amplitude (the export's own hour). */
  day: string
  hour: number
  events: number
  userIds: string[]
  sessionIds: string[]
  eventTypes: string[]
  name: string | null
  firstSeenMs: number
  lastSeenMs: number
}

/**
 * Sums one hour's attributed events per account: event count, distinct users (user id, else
 * device id), sessions (`session_id` −1 means none) and event types. Identify events are no
 * usage: an account only they name gets a record with zero events, for source_accounts.
 */
export function aggregateHour(hourMs: number, events: readonly Attributed[]): HourUsage[] {
  const byAccount = new Map<string, HourUsage>()
  const sets = new Map<string, { users: Set<string>; sessions: Set<string>; types: Set<string> }>()
  for (const { event, accounts, usage, uploadMs, name } of events)
    for (const account of accounts) {
      let sums = byAccount.get(account)
      let ids = sets.get(account)
      if (!sums || !ids) {
        sums = emptyHour(hourMs, account, uploadMs)
        ids = { users: new Set(), sessions: new Set(), types: new Set() }
        byAccount.set(account, sums)
        sets.set(account, ids)
      }
      sums.firstSeenMs = Math.min(sums.firstSeenMs, uploadMs)
      sums.lastSeenMs = Math.max(sums.lastSeenMs, uploadMs)
      sums.name = name ?? sums.name
      if (!usage) continue
      sums.events += 1
      const user = event.user_id ?? event.device_id
      if (user) ids.users.add(user)
      if (event.session_id !== null && event.session_id !== undefined && event.session_id !== -1)
        ids.sessions.add(String(event.session_id))
      ids.types.add(event.event_type)
    }
  return [...byAccount.values()].map((sums) => {
    const ids = sets.get(sums.account)!
    return {
      ...sums,
      userIds: [...ids.users].sort(),
      sessionIds: [...ids.sessions].sort(),
      eventTypes: [...ids.types].sort(),
    }
  })
}

function emptyHour(hourMs: number, account: string, seenMs: number): HourUsage {
  return {
    cs360: 'usage_hour',
    account,
    day: new Date(hourMs).toISOString().slice(0, 10),
    hour: new Date(hourMs).getUTCHours(),
    events: 0,
    userIds: [],
    sessionIds: [],
    eventTypes: [],
    name: null,
    firstSeenMs: seenMs,
    lastSeenMs: seenMs,
  }
}
