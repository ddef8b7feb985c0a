import type { Contact, ModelAccount } from '../dataset/company-model.js'
import { addDays, dateMs, daysBetween, DAY_MS } from '../dataset/dates.js'
import type { Random } from '../dataset/random.js'
import type { ActiveDay } from './activity-plan.js'

/** The days a plan covers: `from` is day 0, `last` the final possible day (inclusive). */
export interface UsageWindow {
  from: string
  last: string
}

/** Weekday sessions vs weekend (5 × 1.25 + 2 × 0.375 = 7: the weekly rate is kept). */
const DAY_WEIGHT = [0.375, 1.25, 1.25, 1.25, 1.25, 1.25, 0.375]

/** Sessions a user can fit in a day, and events in one session. */
const MAX_SESSIONS = 6
const MAX_EVENTS_PER_SESSION = 6

export interface AccountUsage {
  /** Offset range (inclusive) the account is a customer in the window; null: not at all. */
  span: [number, number] | null
  /** Usage level on a day (1 = the account's usual), following its trajectory. */
  level(offset: number): number
  /** Sessions a typical user of this account starts per week at level 1. */
  weeklySessions: number
  /** How many features (from the top of the list) its users reach. */
  breadth: number
}

/**
 * How an account's usage moves over the year: a churner's fades over the months before it
 * leaves (or towards a renewal it will not sign), a contracting account's sags, an expander's
 * grows. One account in eight trends unlike its trajectory, as real usage does.
 */
export function accountUsage(random: Random, account: ModelAccount, window: UsageWindow) {
  // Usage follows how the account looks (SIGNAL_MIX), not its hidden fate.
  const { health, looksLike: trajectory } = account.plan
  const end = account.churnDate ? addDays(account.churnDate, -1) : window.last
  const start =
    account.contracts.customerSince > window.from ? account.contracts.customerSince : window.from
  const last = daysBetween(window.from, end < window.last ? end : window.last)
  const first = daysBetween(window.from, start)
  const fadeDays = random.int(90, 200)
  const floor = random.between(0.1, 0.35)
  const noiseSlope = random.chance(1 / 8) ? random.between(-0.6, 0.5) : null
  const total = Math.max(1, last - first)
  const level = (offset: number): number => {
    const progress = (offset - first) / total
    if (noiseSlope !== null) return Math.max(0.1, 1 + noiseSlope * progress)
    const left = last - offset
    switch (trajectory) {
      case 'churn':
        return left >= fadeDays ? 1 : floor + (1 - floor) * (left / fadeDays)
      case 'contract':
        return left >= 180 ? 1 : 0.6 + 0.4 * (left / 180)
      case 'stable':
        return 1
      case 'expand':
        return 0.7 + 0.6 * progress
    }
  }
  const usage: AccountUsage = {
    span: last < first ? null : [first, last],
    level,
    weeklySessions: 0.5 + 2.5 * health,
    breadth: Math.min(10, Math.max(2, Math.round(2 + 8 * health + random.normal(0, 1)))),
  }
  return usage
}

export interface ActiveUser {
  contact: Contact
  /** Offsets of the user's first and last possible day. */
  span: [number, number]
  engagement: number
}

/**
 * The contacts who use the product: more of them at a healthy account. An expander's new
 * seats start during the year; a churner's users drop away in the months before it leaves.
 */
export function activeUsers(
  random: Random,
  account: ModelAccount,
  usage: AccountUsage,
  window: UsageWindow,
): ActiveUser[] {
  const [first, last] = usage.span!
  const share = 0.25 + 0.5 * account.plan.health
  const { looksLike: trajectory } = account.plan
  return account.contacts
    .filter((_, i) => i === 0 || random.chance(share))
    .map((contact, i) => {
      const joined = Math.floor((contact.sinceMs - dateMs(window.from)) / DAY_MS)
      let start = Math.max(first, joined)
      let end = last
      if (i > 0 && trajectory === 'expand' && random.chance(0.35))
        start = Math.max(start, last - random.int(30, 240))
      if (i > 0 && trajectory === 'churn' && random.chance(0.6))
        end = Math.max(start, last - random.int(0, 150))
      return {
        contact,
        span: [start, Math.min(end, last)] as [number, number],
        engagement: Math.exp(random.normal(0, 0.6)),
      }
    })
    .filter((u) => u.span[0] <= u.span[1])
}

/** One user's active days: sessions by weekday and level, events and features per session. */
export function userDays(
  random: Random,
  account: ModelAccount,
  usage: AccountUsage,
  user: ActiveUser,
  window: UsageWindow,
): ActiveDay[] {
  const { health } = account.plan
  const days: ActiveDay[] = []
  const fromWeekday = new Date(dateMs(window.from)).getUTCDay()
  for (let offset = user.span[0]; offset <= user.span[1]; offset++) {
    const weekday = (fromWeekday + offset) % 7
    const rate =
      (usage.weeklySessions / 7) * user.engagement * usage.level(offset) * DAY_WEIGHT[weekday]!
    const sessions = Math.min(MAX_SESSIONS, random.poisson(rate))
    if (sessions === 0) continue
    let events = 0
    let features = 1
    for (let s = 0; s < sessions; s++) {
      const count = 1 + Math.min(MAX_EVENTS_PER_SESSION - 1, random.poisson(0.3 + 0.9 * health))
      for (let e = 1; e < count; e++) features |= 1 << random.int(0, usage.breadth - 1)
      events += count
    }
    days.push({ offset, sessions, events, features })
  }
  return days
}
