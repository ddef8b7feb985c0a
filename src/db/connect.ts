import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import type { Database } from './database.js'

// Dates stay 'YYYY-MM-DD' strings: converting them to JS Dates at local midnight shifts
// renewal dates by a day in any timezone west of UTC.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value)

/** DATABASE_CONNECT_TIMEOUT_SECONDS' default. */
export const DEFAULT_CONNECT_TIMEOUT_SECONDS = 10

export function connectDatabase(
  url: string,
  maxConnections = 10,
  connectTimeoutSeconds = DEFAULT_CONNECT_TIMEOUT_SECONDS,
): Kysely<Database> {
  // The limit goes on each new connection, not on the pool: the pool applies its own
  // connectionTimeoutMillis to waiting for a free client too, which a busy sync may rightly do.
  const connectionTimeoutMillis = connectTimeoutSeconds * 1000
  class BoundedClient extends pg.Client {
    constructor(config?: pg.ClientConfig) {
      super({ ...config, connectionTimeoutMillis })
      // A connection the server ends while it is checked out (a transaction between statements,
      // a query just finished) is reported on the client itself, where the pool listens only
      // while the client is idle: unheard, it ends the process. The client is unusable from
      // then on, so its next query fails, the activity retries, and the pool discards it.
      this.on('error', () => undefined)
    }
  }
  const pool = new pg.Pool({ connectionString: url, max: maxConnections, Client: BoundedClient })
  // An idle connection the server closes (a restart, an admin's pg_terminate_backend, shutdown)
  // is reported on the pool; unhandled, that event would end the process. The pool drops the
  // client and the next query opens a new one; a query in flight fails and its activity retries.
  pool.on('error', () => undefined)
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
}
