import type { SandboxRequest, SandboxResponse } from '../framework/http-server.js'
import type { Router } from '../framework/router.js'
import type { EpsThrottle } from './eps-throttle.js'
import type { Ingestion } from './ingestion.js'
import { ingestionAnswer } from './responses.js'
import { BATCH_LIMITS, checkUpload, HTTP_V2_LIMITS, type UploadLimits } from './upload-check.js'

/** One ingestion request as the server saw it: tests read the query string the SDK dropped. */
export interface UploadRecord {
  path: string
  query: string
  events: number
  code: number
}

export interface IngestSettings {
  apiKey: string
  /** Undefined: no per-user/device throttle (benchmark loads). */
  throttle: EpsThrottle | undefined
  now: () => number
  uploads: UploadRecord[]
}

/**
 * HTTP V2 (`POST /2/httpapi`) and Batch (`POST /batch`): the same JSON payload
 * `{api_key, events, options}`, different size and rate limits.
 * https://amplitude.com/docs/apis/analytics/http-v2
 * https://amplitude.com/docs/apis/analytics/batch-event-upload
 */
export function ingestRoutes(router: Router, ingestion: Ingestion, settings: IngestSettings): void {
  const handle = (limits: UploadLimits) => (req: SandboxRequest) => {
    const res = ingest(req, limits, ingestion, settings)
    const code = (res.body as { code: number }).code
    const events = Array.isArray((req.body as { events?: unknown } | undefined)?.events)
      ? (req.body as { events: unknown[] }).events.length
      : 0
    settings.uploads.push({ path: req.path, query: req.query.toString(), events, code })
    return res
  }
  router.on('POST', '/2/httpapi', handle(HTTP_V2_LIMITS))
  router.on('POST', '/batch', handle(BATCH_LIMITS))
}

function ingest(
  req: SandboxRequest,
  limits: UploadLimits,
  ingestion: Ingestion,
  settings: IngestSettings,
): SandboxResponse {
  const upload = checkUpload(req, limits, settings.apiKey)
  if ('status' in upload) return upload
  const throttled = settings.throttle?.check(upload.events, limits.epsThreshold)
  if (throttled && throttled.events.length > 0)
    return ingestionAnswer(429, {
      error: 'Too many requests for some devices and users',
      eps_threshold: limits.epsThreshold,
      throttled_devices: throttled.devices,
      throttled_users: throttled.users,
      throttled_events: throttled.events,
    })
  settings.throttle?.record(upload.events)
  const receivedMs = settings.now()
  const ingested = ingestion.accept(upload, receivedMs)
  return ingestionAnswer(200, {
    events_ingested: ingested,
    payload_size_bytes: upload.bytes,
    server_upload_time: receivedMs,
  })
}
