import { join, resolve } from 'node:path'
import type { Kysely } from 'kysely'
import type { Environment } from '../config/environment.js'
import { connectDatabase } from '../db/connect.js'
import type { Database } from '../db/database.js'
import { migrateToLatest } from '../db/migrate.js'
import { startDatabase } from '../runtime/postgres.js'
import { onShutdown } from '../runtime/shutdown.js'
import { startTemporal } from '../runtime/temporal-server.js'
import { temporalTarget, type TemporalTarget } from '../temporal/connect.js'
import { verifyTemporal } from '../temporal/verify.js'

export interface DatabaseService {
  db: Kysely<Database>
  url: string
  embedded: boolean
  applied: string[]
}

/**
 * DATABASE_URL when set, else the embedded PostgreSQL under <CS360_HOME>/postgres; the schema is
 * migrated on every start (a no-op when current).
 */
export async function openDatabase(
  env: Environment,
  log: (m: string) => void,
): Promise<DatabaseService> {
  const home = resolve(env.CS360_HOME)
  const connectTimeoutSeconds = env.DATABASE_CONNECT_TIMEOUT_SECONDS
  const pg = await startDatabase({
    url: env.DATABASE_URL,
    connectTimeoutSeconds,
    dataDir: join(home, 'postgres'),
    log,
  })
  const db = connectDatabase(pg.url, undefined, connectTimeoutSeconds)
  onShutdown(async () => {
    await db.destroy()
    await pg.stop()
  })
  const { applied } = await migrateToLatest(db)
  return { db, url: pg.url, embedded: pg.embedded, applied }
}

export interface TemporalService {
  target: TemporalTarget
  uiUrl?: string
  embedded: boolean
}

/**
 * TEMPORAL_ADDRESS when set (its address and namespace verified), else the Temporal CLI dev
 * server with state under CS360_HOME.
 */
export async function openTemporal(
  env: Environment,
  log: (m: string) => void,
): Promise<TemporalService> {
  const home = resolve(env.CS360_HOME)
  const server = await startTemporal({
    address: env.TEMPORAL_ADDRESS,
    namespace: env.TEMPORAL_NAMESPACE,
    stateDir: join(home, 'temporal'),
    cwd: process.cwd(),
    log,
  })
  onShutdown(() => server.stop())
  const target = await temporalTarget(env, server.address)
  // A cluster of the user's is checked once here: a wrong address or namespace is one line.
  if (target.configured) await verifyTemporal(target)
  return {
    target,
    uiUrl: server.uiUrl,
    embedded: server.embedded,
  }
}
