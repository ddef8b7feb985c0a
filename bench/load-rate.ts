import { pipeline } from 'node:stream/promises'
import { Readable } from 'node:stream'
import { sql, type Kysely } from 'kysely'
import pg from 'pg'
import copyStreams from 'pg-copy-streams'
import type { LoadTarget } from '../src/db/load-target.js'
import { loadRows } from '../src/db/load-rows.js'
import type { Database, TableName } from '../src/db/database.js'

export interface LoadRate {
  table: string
  rows: number
  /** Rows a second the platform's loader lands, the same rows, pages of `page`. */
  loaderRowsPerSecond: number
  /** Rows a second a client-side COPY FROM STDIN lands into an empty copy of the table. */
  copyRowsPerSecond: number
  ratio: number
}

/**
 * The loader against the physical limit, on the rows a sync landed in `table`: a client-side
 * COPY of exactly those rows into a copy of the table (same columns, same indexes) is the
 * fastest any loader can go; the loader runs on the same rows, in pages, inside a transaction
 * that is rolled back so the customer-360 is left as it was.
 */
export async function measureLoadRate(
  db: Kysely<Database>,
  databaseUrl: string,
  target: LoadTarget<any>,
  page: number,
): Promise<LoadRate> {
  const table = target.table as TableName
  const rows = (await db.selectFrom(table).selectAll().execute()) as Record<string, unknown>[]
  const jsonColumns = new Set(
    (
      await sql<{ column_name: string }>`
        select column_name from information_schema.columns
        where table_name = ${table} and data_type = 'jsonb' and table_schema = current_schema()`.execute(
        db,
      )
    ).rows.map((r) => r.column_name),
  )
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  let copySeconds: number
  try {
    const csv: Buffer[] = []
    for await (const chunk of client.query(copyStreams.to(`copy ${table} to stdout`)))
      csv.push(chunk as Buffer)
    await client.query(`create temp table bench_copy (like ${table} including all)`)
    const started = performance.now()
    await pipeline(Readable.from(csv), client.query(copyStreams.from(`copy bench_copy from stdin`)))
    copySeconds = (performance.now() - started) / 1000
    await client.query('drop table bench_copy')
  } finally {
    await client.end()
  }
  const started = performance.now()
  await db
    .transaction()
    .execute(async (trx) => {
      await sql`delete from ${sql.table(table)}`.execute(trx)
      for (let i = 0; i < rows.length; i += page) {
        const chunk = rows
          .slice(i, i + page)
          .map((row) => ({ table, row: forInsert(row, jsonColumns) }))
        await loadRows(trx, [target], chunk as never)
      }
      throw new Rollback()
    })
    .catch((error: unknown) => {
      if (!(error instanceof Rollback)) throw error
    })
  const loaderSeconds = (performance.now() - started) / 1000
  const loaderRowsPerSecond = rows.length / loaderSeconds
  const copyRowsPerSecond = rows.length / copySeconds
  return {
    table,
    rows: rows.length,
    loaderRowsPerSecond: Math.round(loaderRowsPerSecond),
    copyRowsPerSecond: Math.round(copyRowsPerSecond),
    ratio: Number((loaderRowsPerSecond / copyRowsPerSecond).toFixed(3)),
  }
}

class Rollback extends Error {}

/** A selected row made insertable again: jsonb back to text, no synced_at (set by the loader). */
function forInsert(row: Record<string, unknown>, json: Set<string>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(row)) {
    if (key === 'synced_at') continue
    out[key] = json.has(key) && value !== null ? JSON.stringify(value) : value
  }
  return out
}
