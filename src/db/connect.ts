import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import type { Database } from './database.js'

// Dates stay 'YYYY-MM-DD' strings: converting them to JS Dates at local midnight shifts
// renewal dates by a day in any timezone west of UTC.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value)

export function connectDatabase(url: string, maxConnections = 10): Kysely<Database> {
  const pool = new pg.Pool({ connectionString: url, max: maxConnections })
  // An idle connection the server closes (a restart, an admin's pg_terminate_backend, shutdown)
  // is reported on the pool; unhandled, that event would end the process. The pool drops the
  // client and the next query opens a new one; a query in flight fails and its activity retries.
  pool.on('error', () => undefined)
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
}
