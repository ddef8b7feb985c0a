import type { CompanyModel, ModelAccount } from '../dataset/company-model.js'
import { addDays, amplitudeTime, at } from '../dataset/dates.js'
import { Random } from '../dataset/random.js'
import { encodeActivity } from './activity-plan.js'
import type { AmplitudeDataset, AmplitudeEvent, PlannedUser } from './dataset-schema.js'
import { hashedDeviceId } from './device-id.js'
import { FEATURE_NAMES } from './features.js'
import { surveyAnswers } from './generator-surveys.js'
import { accountUsage, activeUsers, userDays, type UsageWindow } from './generator-usage.js'

/** Usage history kept in the dataset: the year before `asOf`, as a year-long backfill reads. */
export const USAGE_WINDOW_DAYS = 365

export const PROJECT_ID = 512_034

const BROWSERS = ['Chrome', 'Chrome', 'Chrome', 'Edge', 'Safari', 'Firefox']

/** The vendor's backend names each customer's group with the Node SDK. */
const BACKEND_LIBRARY = 'amplitude-node-ts/1.5.73'

/**
 * The product's Amplitude project as a year of planned activity: each account's active users
 * (its contacts, by e-mail, grouped under the company's domain) with, per active day, their
 * sessions, events and features. The sandbox server expands the plan into Export API events
 * (expand.ts). How many users are active, how often they come back, how many features they
 * touch and how usage moves over the year follow the account's hidden health and trajectory.
 * The backend's one `$groupidentify` per account (company name and size) and the in-app survey
 * answers (NPS, CSAT, CES; generator-surveys.ts) are kept as events.
 */
export function renderAmplitude(model: CompanyModel, seed: number): AmplitudeDataset {
  const random = Random.forPart(seed, 'amplitude')
  // A stream of its own: the surveys never move a draw of the usage plan.
  const surveyRandom = Random.forPart(seed, 'amplitude-surveys')
  const window: UsageWindow = {
    from: addDays(model.asOf, -(USAGE_WINDOW_DAYS - 1)),
    last: model.asOf,
  }
  const users: PlannedUser[] = []
  const events: AmplitudeEvent[] = []
  let amplitudeId = 40_000_000_000
  for (const account of model.accounts) {
    const usage = accountUsage(random, account, window)
    if (!usage.span) continue
    const planned = activeUsers(random, account, usage, window).map((user) => ({
      user,
      days: userDays(random, account, usage, user, window),
    }))
    const accountUsers: PlannedUser[] = []
    for (const { user, days } of planned) {
      amplitudeId += random.int(1, 9999)
      const id = { deviceId: random.uuid(), amplitudeId }
      if (days.length === 0) continue
      accountUsers.push({
        user_id: user.contact.email,
        device_id: id.deviceId,
        amplitude_id: id.amplitudeId,
        groups: { company: [account.linking.amplitudeGroup] },
        user_properties: { company: account.linking.amplitudeGroup, title: user.contact.title },
        platform: 'Web',
        os_name: random.pick(BROWSERS),
        country: account.identity.country,
        days: encodeActivity(days),
      })
    }
    users.push(...accountUsers)
    const opener = planned.find((p) => p.days.length > 0)
    if (opener) events.push(groupIdentify(random, account, window, opener.days[0]!.offset))
    if (accountUsers.length > 0)
      events.push(...surveyAnswers(surveyRandom, account, accountUsers, window, PROJECT_ID))
  }
  events.sort((a, b) => (a.event_time < b.event_time ? -1 : a.event_time > b.event_time ? 1 : 0))
  return { projectId: PROJECT_ID, from: window.from, features: [...FEATURE_NAMES], users, events }
}

/** What the backend sends when a customer's first user signs in that year: name and size. */
function groupIdentify(
  random: Random,
  account: ModelAccount,
  window: UsageWindow,
  offset: number,
): AmplitudeEvent {
  const sent = at(addDays(window.from, offset), random.int(21_600, 25_000)) + random.int(0, 999)
  const admin = account.contacts[0]!
  return {
    uuid: random.uuid(),
    $insert_id: random.uuid(),
    app: PROJECT_ID,
    user_id: admin.email,
    device_id: hashedDeviceId(admin.email),
    event_type: '$groupidentify',
    event_time: amplitudeTime(sent),
    server_upload_time: amplitudeTime(sent + random.int(40, 900)),
    groups: { company: [account.linking.amplitudeGroup] },
    group_properties: {
      $set: {
        name: account.identity.name,
        industry: account.industry,
        employees: account.employees,
      },
    },
    user_properties: {},
    event_properties: {},
    library: BACKEND_LIBRARY,
    platform: 'Node.js',
  }
}
