import { constants, gzipSync } from 'node:zlib'
import { zipSync, type Zippable } from 'fflate'
import { dateOf } from '../dataset/dates.js'
import type { StoredEvent } from './event-store.js'
import { HOUR_MS } from './export-time.js'

/** One hour's events as NDJSON lines, in upload order. */
export function hourLines(events: readonly StoredEvent[]): string[] {
  return events.map((e) => `${JSON.stringify(e.event)}\n`)
}

/**
 * The Export API's answer: a zip with one folder named after the project and, per hour, gzipped
 * NDJSON files `<projectId>_<YYYY-MM-DD>_<H>#<n>.json.gz` (hour not zero-padded, `n` counting
 * the files an hour is split into). The naming is what public Export API consumers read, not a
 * documented contract. Timestamps inside the archive are the hours', so the same data zips to
 * the same bytes. Files are gzipped at zlib's fastest level; the entries are stored, not deflated
 * again, as gzip data does not shrink.
 */
export function exportArchive(
  projectId: number,
  hours: ReadonlyMap<number, readonly string[]>,
  linesPerFile: number,
): Buffer {
  const files: Zippable = {}
  for (const [hour, lines] of hours) {
    const mtime = new Date(hour + HOUR_MS)
    const stem = `${projectId}_${dateOf(hour)}_${new Date(hour).getUTCHours()}`
    for (let n = 0; n * linesPerFile < lines.length; n++) {
      const ndjson = lines.slice(n * linesPerFile, (n + 1) * linesPerFile).join('')
      const name = `${projectId}/${stem}#${n}.json.gz`
      // Node's zlib is native, and its gzip header carries no time: same lines, same bytes.
      const gz = gzipSync(ndjson, { level: constants.Z_BEST_SPEED })
      files[name] = [new Uint8Array(gz.buffer, gz.byteOffset, gz.byteLength), { level: 0, mtime }]
    }
  }
  return Buffer.from(zipSync(files))
}
