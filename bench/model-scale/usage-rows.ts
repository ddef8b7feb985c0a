import { dateMs } from '../../src/sandbox/dataset/dates.js'
import {
  randomFor,
  scaleAccounts,
  yearDays,
  type CompanyShape,
  type ScaleAccount,
} from './company.js'
import { textArray } from './copy-rows.js'
import { sourceIds } from './source-rows.js'
import type { TableRows } from './table-rows.js'

/** The product's event catalog; an engaged account uses more of it. */
const EVENT_TYPES = [
  'Dashboard Viewed',
  'Search Performed',
  'Report Exported',
  'Comment Added',
  'Alert Configured',
  'Integration Synced',
  'Workflow Created',
  'User Invited',
  'Filter Saved',
  'File Uploaded',
  'API Key Created',
  'Automation Run',
]

/** How often an account of each segment is in the product on a weekday, at full engagement. */
const WEEKDAY_ACTIVE: Record<string, number> = { enterprise: 0.98, 'mid-market': 0.85, smb: 0.6 }
const WEEKEND_FACTOR = 0.25

/**
 * A year of usage_daily rows (grain: analytics account × UTC day, as the Amplitude loader
 * lands them), one for each day the account was active: how likely a day is active, how many
 * of its users show up, their sessions, events and the features they touch all follow the
 * account's engagement that day. A former customer's usage stops when its contract did.
 */
export function usageDaily(shape: CompanyShape): TableRows {
  const days = yearDays(shape.asOf)
  const weekend = days.map((d) => [0, 6].includes(new Date(dateMs(d)).getUTCDay()))
  const daySeconds = days.map((d) => dateMs(d) / 1000)
  return {
    table: 'usage_daily',
    columns: [
      'source',
      'source_account_id',
      'day',
      'hours_loaded',
      'events',
      'user_ids',
      'session_ids',
      'event_types',
    ],
    *rows() {
      // Day by day, every account within each day: the order the hourly export lands usage
      // in, so an account's year is spread over the table as it is in production (one
      // account's rows side by side would make reading them by account unrealistically cheap).
      // What is kept per account is small and fixed; rows are never held.
      const users = (a: ScaleAccount) =>
        Array.from({ length: a.users }, (_, k) => `user${k}@${a.domain}`)
      const accounts = [...scaleAccounts(shape)].map((a) => ({
        account: sourceIds.amplitude(a),
        users: users(a),
        stop: a.plan.churned ? a.contracts.termStart : null,
        weekday: WEEKDAY_ACTIVE[a.plan.segment]!,
        engagementOn: a.engagementOn,
        random: randomFor(shape, 'usage_daily', a.index),
      }))
      for (let d = 0; d < days.length; d++) {
        const day = days[d]!
        for (const a of accounts) {
          const { random } = a
          if (a.stop !== null && day >= a.stop) continue
          const engagement = a.engagementOn(d)
          const active = a.weekday * (0.35 + 0.65 * engagement) * (weekend[d] ? WEEKEND_FACTOR : 1)
          if (!random.chance(active)) continue
          const present = Math.min(
            a.users.length,
            Math.max(1, random.poisson(a.users.length * (0.15 + 0.5 * engagement))),
          )
          const first = random.int(0, a.users.length - 1)
          const seen = Array.from(
            { length: present },
            (_, k) => a.users[(first + k) % a.users.length]!,
          )
          const sessions = present + random.poisson(present * 0.3)
          const sessionIds = Array.from(
            { length: sessions },
            () => `${daySeconds[d]! + random.int(25_000, 75_000)}${random.int(100, 999)}`,
          )
          const kinds = Math.min(EVENT_TYPES.length, 1 + random.poisson(2 + 4 * engagement))
          const start = random.int(0, EVENT_TYPES.length - 1)
          const types = Array.from(
            { length: kinds },
            (_, k) => EVENT_TYPES[(start + k) % EVENT_TYPES.length]!,
          )
          let hours = 0
          for (let h = 0; h < Math.min(present, 4); h++) hours |= 1 << random.int(7, 20)
          yield [
            'amplitude',
            a.account,
            day,
            hours,
            present * (1 + random.poisson(3 + 10 * engagement)),
            textArray(seen),
            textArray(sessionIds),
            textArray(types),
          ]
        }
      }
    },
  }
}
