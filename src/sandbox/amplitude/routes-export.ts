import type { SandboxRequest, SandboxResponse } from '../framework/http-server.js'
import type { Router } from '../framework/router.js'
import type { AmplitudeEventStore } from './event-store.js'
import { exportArchive, hourLines } from './export-archive.js'
import { hourFloor, HOUR_MS, parseExportHour } from './export-time.js'
import { exportAnswer } from './responses.js'

export interface ExportSettings {
  /** Largest export answered, in bytes of NDJSON (Amplitude: 4 GB; tests shrink it). */
  sizeLimitBytes: number
  /** Events per file inside the zip before an hour is split into `#1`, `#2` … */
  eventsPerFile: number
  /** How long after an hour ends its data can be exported (Amplitude: about 2 hours). */
  delayMs: number
  now: () => number
}

/** "The max period you can query at once is 365 days." */
const MAX_HOURS = 365 * 24

/**
 * `GET /api/2/export?start=YYYYMMDDTHH&end=YYYYMMDDTHH`: every event whose server upload time
 * falls in the hours from `start` through `end` (both inclusive, UTC), as a zip of gzipped
 * NDJSON. 404 when the range holds no data, 400 over the size limit or 365 days. Hours whose
 * data has not been loaded yet (`delayMs` after the hour) are not part of any answer.
 * https://amplitude.com/docs/apis/analytics/export
 */
export function exportRoutes(
  router: Router,
  store: AmplitudeEventStore,
  settings: ExportSettings,
): void {
  router.on('GET', '/api/2/export', (req) => exportEvents(req, store, settings))
}

function exportEvents(
  req: SandboxRequest,
  store: AmplitudeEventStore,
  settings: ExportSettings,
): SandboxResponse {
  const start = parseExportHour(req.query.get('start'))
  const end = parseExportHour(req.query.get('end'))
  if (start === null || end === null)
    return exportAnswer(400, 'start and end are required, formatted YYYYMMDDTHH (e.g. 20220201T05)')
  if (end < start) return exportAnswer(400, 'end must not be before start')
  if ((end - start) / HOUR_MS + 1 > MAX_HOURS)
    return exportAnswer(400, 'The max period you can query at once is 365 days.')
  const loaded = hourFloor(settings.now() - settings.delayMs) - HOUR_MS
  const hours = store.hours(start, Math.min(end, loaded) + HOUR_MS)
  if (hours.size === 0) return exportAnswer(404, 'No data available for the time range requested.')
  const lines = new Map([...hours].map(([hour, events]) => [hour, hourLines(events)]))
  let bytes = 0
  for (const hourOfLines of lines.values())
    for (const line of hourOfLines) bytes += Buffer.byteLength(line)
  if (bytes > settings.sizeLimitBytes)
    return exportAnswer(
      400,
      `The file size of the exported data is too large. Shorten the time ranges and try again. The limit size is ${formatBytes(settings.sizeLimitBytes)}.`,
    )
  return {
    status: 200,
    body: exportArchive(store.projectId, lines, settings.eventsPerFile),
    headers: { 'Content-Type': 'application/zip' },
  }
}

function formatBytes(bytes: number): string {
  const gb = bytes / 1024 ** 3
  return gb >= 1 ? `${Math.round(gb)}GB` : `${Math.round(bytes / 1024)}KB`
}
