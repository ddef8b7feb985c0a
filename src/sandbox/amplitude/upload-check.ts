import type { SandboxRequest, SandboxResponse } from '../framework/http-server.js'
import { ingestionAnswer } from './responses.js'

/** What one endpoint accepts per request (HTTP V2: 1 MB; /batch: 20 MB; both 2,000 events). */
export interface UploadLimits {
  maxBytes: number
  maxEvents: number
  /** Events per second per user or device before 429 (HTTP V2: 30; /batch: 1,000). */
  epsThreshold: number
}

export const HTTP_V2_LIMITS: UploadLimits = {
  maxBytes: 1024 * 1024,
  maxEvents: 2000,
  epsThreshold: 30,
}
export const BATCH_LIMITS: UploadLimits = {
  maxBytes: 20 * 1024 * 1024,
  maxEvents: 2000,
  epsThreshold: 1000,
}

/** An event that passed the checks, ids already cut to the ones Amplitude keeps. */
export type UploadEvent = Record<string, unknown> & {
  event_type: string
  user_id?: string
  device_id?: string
  time?: number
}

export interface Upload {
  events: UploadEvent[]
  clientUploadTime: unknown
  bytes: number
}

/** Ids Amplitude refuses outright (the HTTP V2 docs' list), compared case-insensitively. */
const INVALID_IDS = new Set([
  'anonymous',
  'nil',
  'none',
  'null',
  'n/a',
  'na',
  'undefined',
  'unknown',
  '""',
  '00000000-0000-0000-0000-000000000000',
  '{}',
  'lmy47d',
  '0',
  '-1',
])

/**
 * The request checks of HTTP V2, in the order a rejection is decided: size, body, required
 * request fields, the project's API key, event count, then every event. Per-event problems
 * name, per field, the index of the first event that has it (as the docs describe), under
 * `events_with_missing_fields` / `events_with_invalid_fields`.
 * https://amplitude.com/docs/apis/analytics/http-v2#400
 */
export function checkUpload(
  req: SandboxRequest,
  limits: UploadLimits,
  apiKey: string,
): Upload | SandboxResponse {
  const bytes = Buffer.byteLength(req.rawBody)
  if (bytes > limits.maxBytes) return ingestionAnswer(413, { error: 'Payload too large' })
  if (!req.rawBody.trim()) return ingestionAnswer(400, { error: 'Missing request body' })
  const body = req.body
  if (req.bodyError || typeof body !== 'object' || body === null || Array.isArray(body))
    return ingestionAnswer(400, { error: 'Invalid JSON request body' })
  const fields = body as Record<string, unknown>
  for (const field of ['api_key', 'events'])
    if (fields[field] === undefined || fields[field] === null || fields[field] === '')
      return ingestionAnswer(400, { error: 'Request missing required field', missing_field: field })
  if (fields.api_key !== apiKey)
    return ingestionAnswer(400, { error: `Invalid API key: ${String(fields.api_key)}` })
  if (!Array.isArray(fields.events)) return ingestionAnswer(400, { error: 'Invalid event JSON' })
  if (fields.events.length > limits.maxEvents)
    return ingestionAnswer(413, { error: 'Payload too large' })
  const options = (fields.options ?? {}) as { min_id_length?: unknown }
  const minIdLength = typeof options.min_id_length === 'number' ? options.min_id_length : 5
  const problems = {
    missing: {} as Record<string, number[]>,
    invalid: {} as Record<string, number[]>,
  }
  const events: UploadEvent[] = []
  for (const [i, raw] of fields.events.entries()) {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
      return ingestionAnswer(400, { error: 'Invalid event JSON' })
    const event = checkEvent(raw as Record<string, unknown>, minIdLength, (kind, field) => {
      problems[kind][field] ??= [i]
    })
    if (event) events.push(event)
  }
  const invalid = Object.keys(problems.invalid).length > 0
  if (invalid || Object.keys(problems.missing).length > 0)
    return ingestionAnswer(400, {
      error: invalid ? 'Invalid field values on some events' : 'Request missing required field',
      ...(invalid ? { events_with_invalid_fields: problems.invalid } : {}),
      ...(Object.keys(problems.missing).length > 0
        ? { events_with_missing_fields: problems.missing }
        : {}),
    })
  return { events, clientUploadTime: fields.client_upload_time, bytes }
}

function checkEvent(
  raw: Record<string, unknown>,
  minIdLength: number,
  problem: (kind: 'missing' | 'invalid', field: string) => void,
): UploadEvent | undefined {
  const event: Record<string, unknown> = { ...raw }
  let ok = true
  if (typeof raw.event_type !== 'string' || raw.event_type === '') {
    problem('missing', 'event_type')
    ok = false
  }
  if (raw.time !== undefined && raw.time !== null && !Number.isFinite(raw.time)) {
    problem('invalid', 'time')
    ok = false
  }
  let invalidId = false
  for (const field of ['user_id', 'device_id'] as const) {
    const id = raw[field]
    if (id === undefined || id === null) {
      delete event[field]
      continue
    }
    if (typeof id !== 'string' || INVALID_IDS.has(id.toLowerCase())) {
      problem('invalid', field)
      invalidId = true
      continue
    }
    // "If an event contains a device ID or user ID that's too short, the ID value is removed."
    if (id.length < minIdLength) delete event[field]
  }
  if (!invalidId && !event.user_id && !event.device_id) {
    // Every event needs a device id (derived from user_id when absent); the field name the
    // real API reports for "neither id" is unverified.
    problem('missing', 'device_id')
    ok = false
  }
  return ok && !invalidId ? (event as UploadEvent) : undefined
}
