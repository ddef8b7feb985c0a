import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import type { Database } from './database.js'

// Dates stay 'YYYY-MM-DD' strings: converting them to JS Dates at local midnight shifts
// renewal dates by a day in any timezone west of UTC.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value)

export function connectDatabase(url: string, maxConnections = 10): Kysely<Database> {
  return new Kysely<Database>({
    dialect: new PostgresDialect({
      pool: new pg.Pool({ connectionString: url, max: maxConnections }),
    }),
  })
}
