import type { AmplitudeDataset } from './dataset-schema.js'
import type { CompanyModel, ModelAccount } from '../dataset/company-model.js'
import { addDays, amplitudeTime, at, dateMs, DAY_MS, snapshotMs } from '../dataset/dates.js'
import type { Trajectory } from '../dataset/ground-truth-schema.js'
import { Random } from '../dataset/random.js'

/** Usage history kept in the dataset: the last 90 days, as a scheduled export would hold. */
export const USAGE_WINDOW_DAYS = 90

/** Events kept per account and week: a heavy account's tail is cut rather than the file bloated. */
export const MAX_EVENTS_PER_ACCOUNT_WEEK = 300

const PROJECT_ID = 512_034

/** Product events, most used first; healthier accounts reach further down the list. */
const FEATURES: [string, (r: Random) => Record<string, unknown>][] = [
  [
    'Dashboard Viewed',
    (r) => ({ dashboard: r.pick(['Overview', 'Renewals', 'Pipeline', 'Team']) }),
  ],
  ['Search Performed', (r) => ({ results: r.int(0, 40) })],
  ['Report Created', (r) => ({ report_type: r.pick(['table', 'chart', 'funnel']) })],
  ['Report Exported', (r) => ({ format: r.pick(['csv', 'pdf', 'xlsx']) })],
  ['Comment Added', () => ({})],
  ['Alert Configured', (r) => ({ channel: r.pick(['email', 'slack']) })],
  ['Workflow Run', (r) => ({ trigger: r.pick(['manual', 'schedule']) })],
  ['Integration Synced', (r) => ({ integration: r.pick(['salesforce', 'hubspot', 'slack']) })],
  ['Teammate Invited', (r) => ({ role: r.pick(['member', 'admin']) })],
  ['API Key Created', () => ({})],
]

/** Usage change over the window: leavers fade, expanders grow. */
const TREND: Record<Trajectory, number> = { churn: -0.7, contract: -0.35, stable: 0, expand: 0.35 }

/** Weekday sessions vs weekend (5 × 1.25 + 2 × 0.375 = 7: the weekly rate is kept). */
const DAY_WEIGHT = [0.375, 1.25, 1.25, 1.25, 1.25, 1.25, 0.375]

type Event = AmplitudeDataset['events'][number]

/**
 * The product's Amplitude project as the Export API returns it: each account's active users
 * (its contacts, by e-mail) have sessions of a few events each, tagged with the company's
 * domain in `groups.company`. How many users are active, how often they come back, how many
 * features they touch and how usage trends over the window follow the account's hidden health.
 */
export function renderAmplitude(model: CompanyModel, seed: number): AmplitudeDataset {
  const random = Random.forPart(seed, 'amplitude')
  const nowMs = snapshotMs(model.asOf)
  const first = addDays(model.asOf, -(USAGE_WINDOW_DAYS - 1))
  const events: Event[] = []
  let amplitudeId = 40_000_000_000
  const nextAmplitudeId = () => (amplitudeId += random.int(1, 9999))
  for (const account of model.accounts) {
    const last = account.churnDate ? addDays(account.churnDate, -1) : model.asOf
    const from = account.contracts.customerSince > first ? account.contracts.customerSince : first
    const users = activeUsers(random, account, nextAmplitudeId)
    if (last < from) continue
    const { health, trajectory } = account.plan
    // One account in eight trends unlike its trajectory.
    const slope = random.chance(1 / 8)
      ? random.between(-0.5, 0.4)
      : random.normal(TREND[trajectory], 0.15)
    const weeklySessions = 0.25 + 0.75 * health
    const breadth = Math.max(2, Math.round(2 + 8 * health + random.normal(0, 1)))
    const perWeek = new Map<number, number>()
    for (let day = from; day <= last; day = addDays(day, 1)) {
      const progress = (dateMs(day) - dateMs(first)) / (USAGE_WINDOW_DAYS * DAY_MS)
      const level = Math.max(0.05, 1 + slope * progress)
      const week = Math.floor((dateMs(day) - dateMs(first)) / (7 * DAY_MS))
      const weekday = new Date(dateMs(day)).getUTCDay()
      for (const user of users) {
        const sessions = random.poisson(
          (weeklySessions / 7) * user.engagement * level * DAY_WEIGHT[weekday]!,
        )
        for (let s = 0; s < sessions; s++) {
          const count = 1 + Math.min(5, random.poisson(0.3 + 0.9 * health))
          if ((perWeek.get(week) ?? 0) + count > MAX_EVENTS_PER_ACCOUNT_WEEK) continue
          perWeek.set(week, (perWeek.get(week) ?? 0) + count)
          let t = at(day, random.int(25_200, 68_400)) + random.int(0, 999)
          const sessionId = t
          for (let e = 0; e < count && t <= nowMs; e++) {
            const [type, props] =
              e === 0
                ? FEATURES[0]!
                : FEATURES[random.int(0, Math.min(breadth, FEATURES.length) - 1)]!
            events.push(
              event(random, account, user, type, props(random), t, sessionId, ++user.eventId),
            )
            t += random.int(5_000, 240_000)
          }
        }
      }
    }
  }
  events.sort((a, b) => (a.event_time < b.event_time ? -1 : a.event_time > b.event_time ? 1 : 0))
  return { events }
}

interface ActiveUser {
  email: string
  deviceId: string
  engagement: number
  amplitudeId: number
  /** Amplitude numbers each user's events. */
  eventId: number
}

/** The contacts who use the product: more of them at a healthy account. */
function activeUsers(
  random: Random,
  account: ModelAccount,
  nextAmplitudeId: () => number,
): ActiveUser[] {
  const share = 0.25 + 0.5 * account.plan.health
  return account.contacts
    .filter((_, i) => i === 0 || random.chance(share))
    .map((c) => ({
      email: c.email,
      deviceId: random.uuid(),
      engagement: Math.exp(random.normal(0, 0.6)),
      amplitudeId: nextAmplitudeId(),
      eventId: 0,
    }))
}

function event(
  random: Random,
  account: ModelAccount,
  user: ActiveUser,
  type: string,
  properties: Record<string, unknown>,
  ms: number,
  sessionId: number,
  eventId: number,
): Event {
  const uploaded = amplitudeTime(ms + random.int(200, 30_000))
  return {
    uuid: random.uuid(),
    app: PROJECT_ID,
    amplitude_id: user.amplitudeId,
    user_id: user.email,
    device_id: user.deviceId,
    event_id: eventId,
    session_id: sessionId,
    event_type: type,
    event_time: amplitudeTime(ms),
    server_upload_time: uploaded,
    event_properties: properties,
    groups: { company: [account.identity.domain] },
    platform: 'Web',
    os_name: 'Chrome',
    country: account.identity.country,
    library: 'amplitude-ts/2.11.0',
  }
}
