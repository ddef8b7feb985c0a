import { existsSync } from 'node:fs'
import { mkdir, readdir, readFile, rename, rm } from 'node:fs/promises'
import { basename, dirname, join, resolve } from 'node:path'
import pg from 'pg'
import { clusterPassword } from './cluster-password.js'
import { verifyDatabaseUrl } from './database-url.js'
import { loadEmbeddedPostgres } from './embedded-postgres-loader.js'
import { freePort, isListening } from './free-port.js'
import { guardAgainstOrphan } from './orphan-guard.js'
import { inspectPostmasterLock, isAlive } from './postmaster-lock.js'
import {
  embeddedBinariesDir,
  letPostgresUserReach,
  mustRunAsPostgresUser,
} from './postgres-user-access.js'
import { onShutdown } from './shutdown.js'

export interface DatabaseServer {
  /** Superuser URL of database `cs360` (or DATABASE_URL as given). */
  url: string
  embedded: boolean
  stop(): Promise<void>
}

export interface StartDatabaseOptions {
  /** DATABASE_URL: use this server instead of starting one. */
  url?: string
  /** DATABASE_CONNECT_TIMEOUT_SECONDS: how long connecting to `url` may take. */
  connectTimeoutSeconds?: number
  /** Where the embedded cluster keeps its data, reused across runs. */
  dataDir: string
  /** Embedded port, default 5433 (a free one when taken); 0 picks a free one. */
  port?: number
  log?: (message: string) => void
}

export const DEFAULT_PORT = 5433
const USER = 'postgres'
const DATABASE = 'cs360'
const READY_TIMEOUT_MS = 30_000
// UTF-8 whatever the machine's locale, with PostgreSQL's own (builtin) C.UTF-8 locale: sorting
// and upper/lower then behave the same on every machine and need no OS locale installed.
const INITDB_FLAGS = [
  '--encoding=UTF8',
  '--locale=C',
  '--locale-provider=builtin',
  '--builtin-locale=C.UTF-8',
]

/**
 * DATABASE_URL when given (verified to connect), else a real PostgreSQL from the
 * embedded-postgres package with its cluster in `dataDir`: created on first use, reused after,
 * listening on 127.0.0.1 only. The server stops on stop(), on shutdown (see shutdown.ts), and
 * when this process dies without either (orphan-guard.ts).
 */
export async function startDatabase(options: StartDatabaseOptions): Promise<DatabaseServer> {
  if (options.url) {
    await verifyDatabaseUrl(options.url, options.connectTimeoutSeconds)
    return { url: options.url, embedded: false, stop: async () => undefined }
  }
  const log = options.log ?? (() => undefined)
  const dataDir = resolve(options.dataDir)
  await mkdir(dirname(dataDir), { recursive: true })

  const lock = await inspectPostmasterLock(dataDir, log)
  if (lock.state === 'running') {
    // Its owner (another cs360 process using the same directory) stops it, not us.
    const url = urlFor(lock.port, await clusterPassword(dataDir))
    await ensureDatabase(url)
    log(
      `reusing the embedded PostgreSQL already running on 127.0.0.1:${lock.port} (pid ${lock.pid})`,
    )
    return { url, embedded: true, stop: async () => undefined }
  }

  const EmbeddedPostgres = await loadEmbeddedPostgres()
  const asPostgresUser = mustRunAsPostgresUser()
  if (asPostgresUser) {
    await letPostgresUserReach(dirname(dataDir), log)
    if (existsSync(embeddedBinariesDir())) await letPostgresUserReach(embeddedBinariesDir(), log)
  }
  const password = await clusterPassword(dataDir)
  let output = ''
  const settings = {
    user: USER,
    password,
    authMethod: 'scram-sha-256' as const,
    persistent: true,
    createPostgresUser: asPostgresUser,
    initdbFlags: INITDB_FLAGS,
    // No Unix socket: nothing to collide with in /tmp, and TCP on loopback is all cs360 uses.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message: string) => {
      output = (output + message).slice(-4000)
    },
    onError: (error: unknown) => {
      output = (output + String(error)).slice(-4000)
    },
  }
  const fail = (what: string, error: unknown): Error =>
    new Error(
      `could not ${what} the embedded PostgreSQL in ${dataDir}` +
        `${error instanceof Error ? ` (${error.message})` : ''}. Its last output:\n${output.trim()}\n` +
        'Set DATABASE_URL to use another PostgreSQL instead.',
      { cause: error },
    )

  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    log(`creating the embedded PostgreSQL cluster in ${dataDir}`)
    try {
      await initialiseCluster(dataDir, (databaseDir) =>
        new EmbeddedPostgres({ ...settings, databaseDir }).initialise(),
      )
    } catch (error) {
      throw fail('create', error)
    }
  }

  const port = await choosePort(options.port ?? DEFAULT_PORT, log)
  const server = new EmbeddedPostgres({ ...settings, databaseDir: dataDir, port })
  try {
    await server.start()
  } catch (error) {
    throw fail('start', error)
  }
  const pid = await postmasterPid(dataDir)
  const guard = guardAgainstOrphan(pid, 'INT')
  let stopping: Promise<void> | undefined
  const stop = () =>
    (stopping ??= (async () => {
      unregister()
      // embedded-postgres waits for an exit event that never comes if the server already died.
      if (isAlive(pid)) await Promise.race([server.stop(), exited(pid)])
      guard.release()
    })())
  const unregister = onShutdown(stop)

  const url = urlFor(port, password)
  try {
    await ensureDatabase(url)
  } catch (error) {
    await stop()
    throw fail('prepare', error)
  }
  log(`embedded PostgreSQL listening on 127.0.0.1:${port} (data in ${dataDir})`)
  return { url, embedded: true, stop }
}

function urlFor(port: number, password: string): string {
  return `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${DATABASE}`
}

async function choosePort(requested: number, log: (message: string) => void): Promise<number> {
  if (requested === 0) return freePort()
  if (!(await isListening(requested))) return requested
  const port = await freePort()
  log(`port ${requested} is taken; the embedded PostgreSQL uses ${port} instead`)
  return port
}

/**
 * initdb into a sibling directory renamed into place when complete, so a PG_VERSION in `dataDir`
 * always means a whole cluster: an initdb killed half way (SIGKILL, power loss) leaves only a
 * scratch directory, removed by the next run.
 */
async function initialiseCluster(
  dataDir: string,
  initialise: (databaseDir: string) => Promise<void>,
): Promise<void> {
  const prefix = `${basename(dataDir)}.initdb-`
  for (const entry of await readdir(dirname(dataDir))) {
    const owner = Number(entry.slice(prefix.length))
    if (entry.startsWith(prefix) && !(owner > 0 && isAlive(owner))) {
      await rm(join(dirname(dataDir), entry), { recursive: true, force: true })
    }
  }
  const scratch = `${dataDir}.initdb-${process.pid}`
  try {
    await initialise(scratch)
    await rename(scratch, dataDir)
  } catch (error) {
    await rm(scratch, { recursive: true, force: true })
    const code = (error as NodeJS.ErrnoException).code
    if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw error
    // A concurrent first run won the race, fine; anything else in the way is not ours to delete.
    if (!existsSync(join(dataDir, 'PG_VERSION'))) {
      throw new Error(
        `${dataDir} exists and is not a PostgreSQL data directory; move it away or set CS360_HOME`,
        { cause: error },
      )
    }
  }
}

async function postmasterPid(dataDir: string): Promise<number> {
  const pid = Number((await readFile(join(dataDir, 'postmaster.pid'), 'utf8')).split('\n')[0])
  if (!(pid > 0)) throw new Error(`no postmaster pid in ${join(dataDir, 'postmaster.pid')}`)
  return pid
}

async function exited(pid: number): Promise<void> {
  while (isAlive(pid)) await new Promise((r) => setTimeout(r, 100))
}

/** Creates database `cs360` when missing, waiting while the server is still starting. */
async function ensureDatabase(url: string): Promise<void> {
  const admin = new URL(url)
  admin.pathname = '/postgres'
  const deadline = Date.now() + READY_TIMEOUT_MS
  for (;;) {
    const client = new pg.Client({ connectionString: admin.toString() })
    client.on('error', () => undefined)
    try {
      await client.connect()
      const found = await client.query('select 1 from pg_database where datname = $1', [DATABASE])
      if (found.rowCount === 0) await client.query(`create database ${DATABASE}`)
      return
    } catch (error) {
      const code = (error as { code?: string }).code
      // 42P04: a concurrent start created it first.
      if (code === '42P04') return
      // 57P03: starting up or shutting down; ECONNREFUSED: not listening yet.
      const transient = code === '57P03' || code === 'ECONNREFUSED'
      if (!transient || Date.now() > deadline) throw error
      await new Promise((r) => setTimeout(r, 200))
    } finally {
      await client.end().catch(() => undefined)
    }
  }
}
