import { gunzipSync } from 'node:zlib'
import { unzipSync } from 'fflate'
import { fetchWithin } from '../time-limit.js'
import type { ConnectorContext } from '../types.js'
import type { AmplitudeConfig } from './config.js'
import { classifyAmplitudeFailure } from './errors.js'
import { exportHour, exportTimeMs, hourFloor, HOUR_MS } from './export-hours.js'

export type ExportAnswer = (
  | /** Raw NDJSON records by the hour Amplitude received them, oldest first. */
    { kind: 'hours'; hours: Map<number, unknown[]> }
    /** 404: nothing was uploaded in the window. */
  | { kind: 'empty' }
  /** 400 (over the size limit) or 504 (too much data to answer in time): ask for less. */
  | { kind: 'too-large'; detail: string }
) & {
  /** Amplitude's clock when it answered (the Date header), if it said. */
  serverMs: number | null
}

/** A line of an export file that is not JSON, kept so the record can be quarantined. */
export interface UnreadableLine {
  unreadableLine: string
}

/** 429s in a row waited out before the run gives up and Temporal retries later. */
const MAX_RATE_LIMIT_WAITS = 8
/** Amplitude sends no documented Retry-After for the Export API; this is the fallback. */
const DEFAULT_RATE_LIMIT_WAIT_MS = 60_000

/**
 * One Export API request for the hours `startMs` … `endMs` (inclusive, by server upload time),
 * with 429s waited out through `ctx.wait` as long as the API asks.
 * https://amplitude.com/docs/apis/analytics/export
 */
export async function exportWindow(
  ctx: ConnectorContext<AmplitudeConfig>,
  startMs: number,
  endMs: number,
): Promise<ExportAnswer> {
  const { url, apiKey, secretKey } = ctx.config
  const range = `start=${exportHour(startMs)}&end=${exportHour(endMs)}`
  const request = `${url.replace(/\/+$/, '')}/api/2/export?${range}`
  const doing = `exporting ${range}`
  const authorization = `Basic ${Buffer.from(`${apiKey.reveal()}:${secretKey.reveal()}`).toString('base64')}`
  for (let waits = 0; ; waits++) {
    let res: Response
    try {
      // A day of a large project takes a while to zip (connectors.amplitude.timeoutSeconds).
      res = await fetchWithin(
        { system: 'amplitude', url, setting: 'url', seconds: ctx.config.timeoutSeconds },
        request,
        { headers: { Authorization: authorization } },
      )
    } catch (cause) {
      throw classifyAmplitudeFailure({ cause }, doing)
    }
    const date = Date.parse(res.headers.get('date') ?? '')
    const serverMs = Number.isNaN(date) ? null : date
    if (res.status === 200)
      return {
        kind: 'hours',
        hours: readArchive(await res.arrayBuffer(), startMs, doing),
        serverMs,
      }
    const body = await res.text().catch(() => '')
    if (res.status === 404) return { kind: 'empty', serverMs }
    if (res.status === 400 || res.status === 504)
      return { kind: 'too-large', detail: `HTTP ${res.status}${body ? `: ${body}` : ''}`, serverMs }
    if (res.status === 429) {
      const retryAfterMs = retryAfter(res.headers.get('retry-after')) ?? DEFAULT_RATE_LIMIT_WAIT_MS
      if (waits >= MAX_RATE_LIMIT_WAITS)
        throw classifyAmplitudeFailure({ status: 429, body, retryAfterMs }, doing)
      await ctx.wait(retryAfterMs, `Amplitude Export API rate limit (${range})`)
      continue
    }
    throw classifyAmplitudeFailure({ status: res.status, body }, doing)
  }
}

/** Retry-After in seconds (fractions allowed) or as an HTTP date. */
function retryAfter(header: string | null): number | undefined {
  if (!header) return undefined
  const seconds = Number(header)
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000)
  const at = Date.parse(header)
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now())
}

/** `<projectId>/<projectId>_2026-11-20_5#0.json.gz`: the hour each file holds. */
const ENTRY = /_(\d{4}-\d{2}-\d{2})_(\d{1,2})#\d+\.json(\.gz)?$/

/**
 * The zip of gzipped NDJSON files, record by record, grouped by the hour of the file that
 * holds them (the export's own hourly split; an unnamed file's events go by their
 * server_upload_time). Lines that are not JSON are kept as UnreadableLine for the quarantine.
 */
function readArchive(zipped: ArrayBuffer, startMs: number, doing: string): Map<number, unknown[]> {
  let entries: Record<string, Uint8Array>
  try {
    entries = unzipSync(new Uint8Array(zipped))
  } catch (cause) {
    throw classifyAmplitudeFailure(
      { status: 200, body: `not a zip archive (${String(cause)})` },
      doing,
    )
  }
  const hours = new Map<number, unknown[]>()
  const decoder = new TextDecoder()
  for (const [name, data] of Object.entries(entries).sort(([a], [b]) =>
    a.localeCompare(b, 'en', { numeric: true }),
  )) {
    if (name.endsWith('/')) continue
    let text: string
    try {
      text = decoder.decode(name.endsWith('.gz') ? gunzipSync(data) : data)
    } catch (cause) {
      throw classifyAmplitudeFailure(
        { status: 200, body: `${name} is not gzip data (${String(cause)})` },
        doing,
      )
    }
    const m = ENTRY.exec(name)
    const fileHour = m ? Date.parse(`${m[1]}T00:00:00Z`) + Number(m[2]) * HOUR_MS : null
    for (const line of text.split('\n')) {
      if (!line.trim()) continue
      let record: unknown
      try {
        record = JSON.parse(line)
      } catch {
        record = { unreadableLine: line.slice(0, 2000) } satisfies UnreadableLine
      }
      const uploaded = exportTimeMs(
        (record as { server_upload_time?: unknown } | null)?.server_upload_time,
      )
      const hour = fileHour ?? (uploaded === null ? startMs : hourFloor(uploaded))
      const list = hours.get(hour) ?? []
      list.push(record)
      hours.set(hour, list)
    }
  }
  return new Map([...hours].sort(([a], [b]) => a - b))
}
