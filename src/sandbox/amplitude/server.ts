import { timingSafeEqual } from 'node:crypto'
import { CallLog } from '../framework/call-log.js'
import { FaultSwitches } from '../framework/faults.js'
import { startHttpServer, type SandboxRequest } from '../framework/http-server.js'
import { Router } from '../framework/router.js'
import { sandboxHandler, type RequestLimit } from '../framework/sandbox-handler.js'
import type { SandboxServer } from '../framework/sandbox-server.js'
import { retryAfterSeconds, WindowLimiter } from '../framework/window-limiter.js'
import { SandboxClock } from './clock.js'
import type { AmplitudeDataset } from './dataset-schema.js'
import { EpsThrottle } from './eps-throttle.js'
import { AmplitudeEventStore } from './event-store.js'
import { HOUR_MS } from './export-time.js'
import { Ingestion } from './ingestion.js'
import { amplitudeErrors, exportAnswer } from './responses.js'
import { exportRoutes } from './routes-export.js'
import { ingestRoutes, type UploadRecord } from './routes-ingest.js'

export interface AmplitudeCredentials {
  apiKey: string
  secretKey: string
}

export interface AmplitudeSandboxOptions {
  dataset: AmplitudeDataset
  credentials: AmplitudeCredentials
  /** 0 or unset: a free port. */
  port?: number
  /** The project's clock (default: real time). */
  clock?: SandboxClock
  /** Hours after an hour ends before it can be exported; Amplitude's is about 2. */
  exportDelayHours?: number
  /** Largest export in bytes of NDJSON; Amplitude's is 4 GB. */
  exportSizeLimitBytes?: number
  /** Events per file in an export zip before the hour is split. */
  eventsPerFile?: number
  /**
   * Export requests allowed per window before 429 with Retry-After. Amplitude documents no
   * Export API rate; the default of 600 a minute is the sandbox's own (unverified). false: none,
   * and no ingestion throttle either (benchmark loads).
   */
  exportRateLimit?: { limit: number; windowMs: number } | false
  /** Shrinks every rate window (and Retry-After) for tests; default 1. */
  rateLimitTimeScale?: number
}

export interface AmplitudeSandbox extends SandboxServer {
  system: 'amplitude'
  store: AmplitudeEventStore
  clock: SandboxClock
  /** Every ingestion request that reached HTTP V2 or /batch, in order. */
  uploads: UploadRecord[]
  credentials: AmplitudeCredentials
  /** The first day of the dataset's planned usage: where a full read of the project starts. */
  historyFrom: string | undefined
}

/**
 * A local Amplitude project speaking HTTP V2 ingestion (what `@amplitude/analytics-node`
 * sends) and the Export API (what cs360 reads) over one store, with Amplitude's limits,
 * error bodies and fault switches.
 */
export async function startAmplitudeSandbox(
  options: AmplitudeSandboxOptions,
): Promise<AmplitudeSandbox> {
  const clock = options.clock ?? new SandboxClock()
  const scale = options.rateLimitTimeScale ?? 1
  const store = new AmplitudeEventStore(options.dataset)
  const faults = new FaultSwitches({}, clock.now)
  const calls = new CallLog()
  const uploads: UploadRecord[] = []
  const rate = options.exportRateLimit ?? { limit: 600, windowMs: 60_000 }
  const router = new Router()
  ingestRoutes(router, new Ingestion(store, options.dataset), {
    apiKey: options.credentials.apiKey,
    throttle: rate === false ? undefined : new EpsThrottle(30_000 * scale, clock.now),
    now: clock.now,
    uploads,
  })
  exportRoutes(router, store, {
    sizeLimitBytes: options.exportSizeLimitBytes ?? 4 * 1024 ** 3,
    eventsPerFile: options.eventsPerFile ?? 50_000,
    delayMs: (options.exportDelayHours ?? 2) * HOUR_MS,
    now: clock.now,
  })
  const limits: RequestLimit[] =
    rate === false
      ? []
      : [
          {
            limiter: new WindowLimiter(rate.limit, rate.windowMs * scale),
            applies: (req) => req.path.startsWith('/api/'),
            refuse: (_req, { resetMs }) =>
              exportAnswer(429, 'Too many requests; retry after the time in Retry-After.', {
                'Retry-After': retryAfterSeconds(resetMs),
              }),
          },
        ]
  const http = await startHttpServer({
    port: options.port,
    handle: sandboxHandler({
      router,
      faults,
      calls,
      errors: amplitudeErrors,
      auth: (req) =>
        req.path.startsWith('/api/') ? basicAuth(req, options.credentials) : undefined,
      limits,
      // The project's clock, not the host's, dates every answer: clients measure the export
      // lag on it.
      decorate: (_req, res) => ({
        ...res,
        headers: { ...res.headers, Date: new Date(clock.now()).toUTCString() },
      }),
    }),
  })
  return {
    system: 'amplitude',
    url: http.url,
    faults,
    calls,
    store,
    clock,
    uploads,
    credentials: options.credentials,
    historyFrom: options.dataset.from,
    close: () => http.close(),
  }
}

/**
 * The Export and Dashboard APIs take `Basic base64(api_key:secret_key)`; ingestion carries the
 * API key in its body instead. The 401 body is not documented (unverified).
 */
function basicAuth(req: SandboxRequest, credentials: AmplitudeCredentials) {
  const header = req.headers.authorization ?? ''
  const m = /^Basic\s+(\S+)$/i.exec(header)
  const given = Buffer.from(m ? Buffer.from(m[1]!, 'base64').toString('utf8') : '')
  const expected = Buffer.from(`${credentials.apiKey}:${credentials.secretKey}`)
  if (given.length === expected.length && timingSafeEqual(given, expected)) return undefined
  return exportAnswer(401, 'Invalid API key or secret key.', {
    'WWW-Authenticate': 'Basic realm="Amplitude"',
  })
}
