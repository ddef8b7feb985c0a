import { addDays, at } from '../dataset/dates.js'
import { Random } from '../dataset/random.js'
import { featureCount, type ActiveDay } from './activity-plan.js'
import type { AmplitudeDataset, PlannedUser } from './dataset-schema.js'
import type { StoredEvent } from './event-store.js'
import { exportTime } from './export-time.js'
import { featureProperties } from './features.js'

/** The web SDK the product uses, as its events name it. */
const LIBRARY = 'amplitude-ts/2.11.0'

/** Sessions start during the working day (UTC seconds): late enough that uploads never spill. */
const FIRST_SESSION_S = 25_200
const LAST_SESSION_S = 68_400

/**
 * One planned user-day as the Export API returns it. Every draw comes from a random stream of
 * its own (project, device, day), so the same day expands to the same events — uuids, insert
 * ids, times — whichever export window asks for it: repeated exports are byte-identical.
 * Sessions open with `features[0]`; the day's other features each appear once, the remaining
 * events repeat features of that day, and uploads reach the server 0.2–30 s after the event.
 */
export function expandUserDay(
  section: Pick<AmplitudeDataset, 'projectId' | 'features'> & { from: string },
  user: PlannedUser,
  day: ActiveDay,
): StoredEvent[] {
  const date = addDays(section.from, day.offset)
  const random = Random.forPart(section.projectId, `${user.device_id}/${date}`)
  const perSession = Array<number>(day.sessions).fill(1)
  for (let extra = day.events - day.sessions; extra > 0; extra--)
    perSession[random.int(0, day.sessions - 1)]! += 1
  const types = sessionTypes(random, section.features, day)
  const starts = Array.from({ length: day.sessions }, () =>
    random.int(FIRST_SESSION_S, LAST_SESSION_S),
  ).sort((a, b) => a - b)
  const events: StoredEvent[] = []
  let t = 0
  let next = 0
  for (const [s, count] of perSession.entries()) {
    t = Math.max(at(date, starts[s]!) + random.int(0, 999), t + 60_000)
    const sessionId = t
    for (let e = 0; e < count; e++) {
      const type = e === 0 ? section.features[0]! : types[next++]!
      events.push(event(random, section.projectId, user, type, t, sessionId, day, events.length))
      t += random.int(5_000, 240_000)
    }
  }
  return events
}

/** Event types after each session's opener: every feature of the day once, then repeats. */
function sessionTypes(random: Random, features: readonly string[], day: ActiveDay): string[] {
  const used = features.filter((_, i) => (day.features >> i) & 1)
  const further = used.slice(1)
  const types = [...further]
  const rest = day.events - day.sessions - featureCount(day.features & ~1)
  for (let i = 0; i < rest; i++) types.push(random.pick(used))
  return random.shuffle(types)
}

function event(
  random: Random,
  projectId: number,
  user: PlannedUser,
  type: string,
  ms: number,
  sessionId: number,
  day: ActiveDay,
  index: number,
): StoredEvent {
  const uploaded = ms + random.int(200, 30_000)
  const time = exportTime(ms)
  const upload = exportTime(uploaded)
  const event = {
    uuid: uuid(random),
    $insert_id: uuid(random),
    app: projectId,
    amplitude_id: user.amplitude_id,
    user_id: user.user_id,
    device_id: user.device_id,
    event_id: day.offset * 1000 + index + 1,
    session_id: sessionId,
    event_type: type,
    event_time: time,
    client_event_time: time,
    client_upload_time: exportTime(uploaded - random.int(20, 180)),
    server_received_time: upload,
    server_upload_time: upload,
    processed_time: exportTime(uploaded + random.int(500, 20_000)),
    event_properties: featureProperties(type, random),
    user_properties: user.user_properties,
    groups: user.groups,
    group_properties: {},
    data: {},
    platform: user.platform,
    os_name: user.os_name,
    country: user.country,
    library: LIBRARY,
  }
  return { uploadMs: uploaded, event }
}

/** A version-4 UUID from four draws of the day's stream (Random.uuid draws one per digit). */
function uuid(random: Random): string {
  const h = [0, 1, 2, 3]
    .map(() =>
      Math.floor(random.next() * 2 ** 32)
        .toString(16)
        .padStart(8, '0'),
    )
    .join('')
  const variant = '89ab'[parseInt(h[16]!, 16) & 3]!
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20)}`
}
