import type { ConnectorContext, StreamCheckpoint, StreamPage } from '../types.js'
import { attributeEvent } from './account-key.js'
import { aggregateHour } from './aggregate.js'
import type { AmplitudeConfig } from './config.js'
import { classifyAmplitudeFailure } from './errors.js'
import { exportWindow } from './export-client.js'
import { exportHour, HOUR_MS, lastExportableHour, parseExportHour } from './export-hours.js'

const DAY_MS = 24 * HOUR_MS
/** A server clock further ahead than this is a broken Date header, not Amplitude's time. */
const MAX_CLOCK_AHEAD_MS = DAY_MS

/**
 * The usage stream's read: export windows of `windowHours` from the checkpoint's hour up to the
 * last hour the lag allows, oldest first. Each hour with data becomes a page of per-account
 * aggregates (plus, raw, the survey answers and the events that name no account or carry a
 * broken timestamp, for the quarantine) whose checkpoint is the next hour, so a read stopped anywhere resumes at the hour
 * it reached. A window the API finds too large is halved, down to single hours; the rest of the
 * read keeps the smaller window.
 *
 * The lag is measured on Amplitude's clock (each answer's Date header): which hours are loaded
 * is the server's business, and a skewed local clock must not make cs360 read an hour before it
 * is complete. Until the first answer the local clock stands in; when it says nothing is due,
 * one single-hour request asks the server.
 */
export async function* readUsage(
  ctx: ConnectorContext<AmplitudeConfig>,
  from: StreamCheckpoint | null,
): AsyncGenerator<StreamPage> {
  const now = Date.now
  const config = ctx.config
  let next = parseExportHour(from?.next) ?? firstHour(config, now())
  let skew = 0
  const lastHour = () => lastExportableHour(now() + skew, config.lagHours)
  let span = config.windowHours
  // The widest window that has not been refused as too large: growth never passes it again.
  let ceiling = MAX_WINDOW_HOURS
  for (let asked = false; ; asked = true) {
    const localLast = lastHour()
    if (asked && next > localLast) return
    const end = next > localLast ? next : Math.min(next + (span - 1) * HOUR_MS, localLast)
    const answer = await exportWindow(ctx, next, end)
    // A server clock behind ours only shortens the read; one far ahead is a broken header.
    if (answer.serverMs !== null && answer.serverMs - now() <= MAX_CLOCK_AHEAD_MS)
      skew = answer.serverMs - now()
    const last = lastHour()
    if (next > last) return
    if (answer.kind === 'too-large') {
      if (end === next)
        throw classifyAmplitudeFailure(
          {
            status: 400,
            body: `one hour of data is over the export limit (${answer.detail}); export it through Amplitude's Amazon S3 destination instead`,
          },
          `exporting ${exportHour(next)}`,
        )
      span = Math.max(1, ((end - next) / HOUR_MS + 1) >> 1)
      ceiling = span
      ctx.log.info('export window too large, halving it', { from: exportHour(next), hours: span })
      continue
    }
    const upTo = Math.min(end, last)
    const hours = answer.kind === 'hours' ? answer.hours : new Map<number, unknown[]>()
    yield* windowPages(ctx, hours, next, upTo, end)
    next = upTo + HOUR_MS
    span = Math.min(ceiling, nextSpan(span, hours, config.windowHours))
  }
}

/**
 * The hours of [start, upTo] as pages of about `pageSize` account-hours (a page is one
 * transaction, so hours are committed in batches), each page's
 * checkpoint the hour after its last, and the window's end as a page of its own when its last
 * hours were empty. Hours past `upTo` (not loaded yet by Amplitude's clock) are left for the
 * next read. A read stopped anywhere resumes at the first hour it had not committed.
 */
function* windowPages(
  ctx: ConnectorContext<AmplitudeConfig>,
  hours: Map<number, unknown[]>,
  start: number,
  upTo: number,
  requestedEnd: number,
): Generator<StreamPage> {
  let records: unknown[] = []
  let lastPage = start - HOUR_MS
  for (const [hour, raws] of hours) {
    if (hour < start || hour > requestedEnd) {
      ctx.log.warn('export answered events outside the requested hours; skipped', {
        hour: exportHour(hour),
        events: raws.length,
      })
      continue
    }
    if (hour > upTo) continue
    const results = raws.map((r) => attributeEvent(r, ctx.config))
    records.push(
      ...aggregateHour(
        hour,
        results.filter((a) => a.ok),
      ),
    )
    // Survey answers go on as the events they are (mapped to survey_responses, or quarantined
    // when the answer is broken); their accounts' sightings are in the hour's aggregate.
    raws.forEach((raw, i) => {
      const result = results[i]!
      if (!result.ok || result.survey !== null) records.push(raw)
    })
    if (records.length >= ctx.config.pageSize) {
      yield { records, checkpoint: { next: exportHour(hour + HOUR_MS) } }
      records = []
      lastPage = hour
    }
  }
  if (records.length > 0 || lastPage < upTo)
    yield { records, checkpoint: { next: exportHour(upTo + HOUR_MS) } }
}

/** Events a window may hold in memory before it stops growing. */
const WINDOW_EVENTS = 50_000
/** A month: the widest window the read grows to. */
const MAX_WINDOW_HOURS = 744

/**
 * A quiet project needs few requests: while a window brings back less than a quarter of what
 * may be held in memory, the next asks for twice as many hours (up to a month), so a year of a
 * small project takes a handful of requests instead of 365, and a large one stays at its
 * configured window. A window over the limit is halved as before.
 */
function nextSpan(span: number, hours: Map<number, unknown[]>, configured: number): number {
  let events = 0
  for (const raws of hours.values()) events += raws.length
  if (events * 4 >= WINDOW_EVENTS || span >= MAX_WINDOW_HOURS) return span
  return Math.min(MAX_WINDOW_HOURS, Math.max(span, configured) * 2)
}

/** startDate at 00 UTC, or 365 days before today. */
function firstHour(config: AmplitudeConfig, nowMs: number): number {
  if (config.startDate) return Date.parse(`${config.startDate}T00:00:00Z`)
  return Math.floor(nowMs / DAY_MS) * DAY_MS - 365 * DAY_MS
}
