import { randomUUID } from 'node:crypto'
import { usageRecordId } from '../../connectors/amplitude/mapping.js'
import type { ConformanceKit } from '../framework/conformance-kit.js'
import { buildCompanyModel } from '../dataset/company-model.js'
import { addDays, amplitudeTime, dateOf } from '../dataset/dates.js'
import { amplitudeDatasetSchema } from './dataset-schema.js'
import { hourFloor, HOUR_MS } from './export-time.js'
import { renderAmplitude } from './generator.js'
import { SANDBOX_SURVEYS } from './generator-surveys.js'
import type { AmplitudeSandbox } from './server.js'

const SURVEY_EVENTS = new Set<string>(Object.values(SANDBOX_SURVEYS).map((s) => s.eventType))

/** The suite reads the last three weeks; the plan ends two days ago, so every hour is loaded. */
const READ_DAYS = 21
const startDate = addDays(dateOf(Date.now()), -READ_DAYS)
/** The connector's default lag, which the sandbox's export delay matches. */
const LAG_MS = 2 * HOUR_MS

/** The newest hour a read covers on the project's clock. */
const lastReadHour = (server: AmplitudeSandbox) => hourFloor(server.clock.now() - LAG_MS) - HOUR_MS

/**
 * Runs `act` at the start of the project's next hour, then moves the project's clock three
 * hours on, so that hour is loaded and past the lag. The Export API partitions by upload hour:
 * an event only reaches an incremental read in an hour the previous read did not cover, and the
 * connector follows the server's clock (its Date header), so moving that clock is "time passes".
 */
async function inNextHour<T>(server: AmplitudeSandbox, act: (at: number) => Promise<T> | T) {
  const at = hourFloor(server.clock.now()) + HOUR_MS + 60_000
  server.clock.set(at)
  const result = await act(at)
  server.clock.set(at + 3 * HOUR_MS)
  return result
}

/**
 * The Amplitude side of the connector conformance suite: six accounts' planned usage, read from
 * three weeks back in 12-hour windows (one page per hour with events). Changes are new events
 * sent through HTTP V2; deletes cannot be reported; keys never expire.
 */
export const amplitudeConformance: ConformanceKit<AmplitudeSandbox> = {
  section: () =>
    amplitudeDatasetSchema.parse(
      renderAmplitude(buildCompanyModel(360, addDays(dateOf(Date.now()), -2), 6), 360),
    ),
  configExtra: `    startDate: ${startDate}\n    windowHours: 12\n`,
  sourceIds(server) {
    const from = Date.parse(`${startDate}T00:00:00Z`)
    const until = lastReadHour(server) + HOUR_MS
    const ids = new Set<string>()
    for (const { event, uploadMs } of server.store.all()) {
      if (uploadMs < from || uploadMs >= until) continue
      const companies = (event.groups as Record<string, string[]> | undefined)?.company ?? []
      // Survey answers are records of their own besides their hour's sighting of the account.
      if (companies.length === 0 || SURVEY_EVENTS.has(String(event.event_type)))
        ids.add(String(event.uuid))
      for (const domain of companies) ids.add(usageHourId(domain, uploadMs))
    }
    return [...ids].sort()
  },
  idOf: (_stream, raw) => usageRecordId(raw) ?? '',
  change: (server) =>
    inNextHour(server, async (at) => {
      const domain = someDomain(server)
      const res = await fetch(`${server.url}/2/httpapi`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          api_key: server.credentials.apiKey,
          events: [
            {
              event_type: 'Report Created',
              user_id: `conformance@${domain}`,
              groups: { company: domain },
              time: at - 5_000,
              insert_id: randomUUID(),
            },
          ],
        }),
      })
      if (res.status !== 200)
        throw new Error(`ingestion answered ${res.status}: ${await res.text()}`)
      return { stream: 'usage', id: usageHourId(domain, at) }
    }),
  remove: () => null,
  rateLimitNext(server) {
    server.faults.failNext({
      status: 429,
      count: 1,
      body: 'Too many requests; retry after the time in Retry-After.',
      headers: { 'Content-Type': 'text/plain', 'Retry-After': '1' },
    })
  },
  expireTokens: () => false,
  badCredentials: (env) => ({ ...env, AMPLITUDE_SECRET_KEY: 'not-the-project-secret-key' }),
  // Exports gain fields over time; usage rows keep aggregates only, so nothing needs a place.
  drift: (server) =>
    inNextHour(server, (at) => {
      const domain = someDomain(server)
      const base = {
        app: server.store.projectId,
        event_type: 'Report Created',
        event_time: amplitudeTime(at - 2_000),
        server_upload_time: amplitudeTime(at),
        user_id: `drift@${domain}`,
        session_id: -1,
      }
      const kept = { ...base, uuid: randomUUID(), groups: { company: [domain] }, ai_summary: 'new' }
      const broken = { ...base, uuid: randomUUID(), groups: {} }
      server.store.add(kept, at)
      server.store.add(broken, at)
      return {
        stream: 'usage',
        unknownField: null,
        keptId: usageHourId(domain, at),
        brokenId: broken.uuid,
      }
    }),
}

/** The id the usage stream gives one account's hour of events (see `usageRecordId`). */
function usageHourId(domain: string, uploadMs: number): string {
  return `${domain}/${dateOf(uploadMs)}/${new Date(uploadMs).getUTCHours()}`
}

function someDomain(server: AmplitudeSandbox): string {
  for (const { event } of server.store.all()) {
    const company = (event.groups as Record<string, string[]> | undefined)?.company
    if (company?.[0]) return company[0]
  }
  throw new Error('the sandbox project has no company group to change')
}
