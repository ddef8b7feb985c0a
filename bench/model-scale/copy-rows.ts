import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type pg from 'pg'
import copyStreams from 'pg-copy-streams'

/** One column value as COPY's text format spells it; null is `\N`. */
export type CopyValue = string | number | boolean | null

/** A text[] column: every element quoted, so spaces, commas and braces need no thought. */
export function textArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/["\\]/g, '\\$&')}"`).join(',')}}`
}

function field(value: CopyValue): string {
  if (value === null) return '\\N'
  if (typeof value !== 'string') return String(value)
  return value.replace(/[\\\t\n\r]/g, (c) =>
    c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
  )
}

// Lines are handed to the socket in chunks of about this many characters: one write per row
// would cost more than the row.
const CHUNK = 1 << 16

function* chunks(rows: Iterable<readonly CopyValue[]>): Generator<string> {
  let buffer = ''
  for (const row of rows) {
    buffer += `${row.map(field).join('\t')}\n`
    if (buffer.length >= CHUNK) {
      yield buffer
      buffer = ''
    }
  }
  if (buffer) yield buffer
}

/**
 * Streams rows into `table` with one `COPY FROM STDIN`, the fastest way into Postgres: the
 * generator runs only as fast as the server takes its chunks, so memory stays bounded whatever
 * the row count. Returns the rows copied.
 */
export async function copyRows(
  client: pg.Client,
  table: string,
  columns: readonly string[],
  rows: Iterable<readonly CopyValue[]>,
): Promise<number> {
  const copy = client.query(copyStreams.from(`copy ${table} (${columns.join(', ')}) from stdin`))
  await pipeline(Readable.from(chunks(rows)), copy)
  return Number(copy.rowCount)
}
