import pg from 'pg'
import { DEFAULT_CONNECT_TIMEOUT_SECONDS } from '../db/connect.js'
import { configError, Cs360Error } from '../errors.js'

/** host:port/database of a PostgreSQL URL, never its user or password. */
export function describeDatabaseUrl(url: URL): string {
  const host = url.hostname || url.searchParams.get('host') || 'localhost'
  return `${host}:${url.port || 5432}${url.pathname.length > 1 ? url.pathname : ''}`
}

const AUTH_FAILURES = new Set(['28P01', '28000'])
const MISSING_DATABASE = '3D000'

const VALID_FORM = 'expected postgres://user:password@host:5432/database'

/**
 * DATABASE_URL as a URL, refused (never echoed: it holds a password) unless it is a postgres://
 * or postgresql:// URL; `localhost:5432/cs360` parses as a URL of scheme "localhost:" and would
 * otherwise fail later as an unreachable server.
 */
export function parseDatabaseUrl(url: string): URL {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw configError(`DATABASE_URL is not a valid URL; ${VALID_FORM}`, 'postgres')
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:')
    throw configError(
      `DATABASE_URL is not a PostgreSQL URL (scheme ${parsed.protocol}); ${VALID_FORM}`,
      'postgres',
    )
  return parsed
}

/**
 * Connects to DATABASE_URL once, so a wrong URL fails at start-up with a message that says
 * what to fix instead of deep inside a sync. Messages name the host, port and database but never
 * the password: they end up in terminals and logs.
 */
export async function verifyDatabaseUrl(
  url: string,
  connectTimeoutSeconds = DEFAULT_CONNECT_TIMEOUT_SECONDS,
): Promise<void> {
  const parsed = parseDatabaseUrl(url)
  const target = `DATABASE_URL (${describeDatabaseUrl(parsed)})`
  const client = new pg.Client({
    connectionString: url,
    connectionTimeoutMillis: connectTimeoutSeconds * 1000,
  })
  client.on('error', () => undefined)
  try {
    await client.connect()
    await client.query('select 1')
  } catch (error) {
    const { code, message } = error as { code?: string; message?: string }
    const reason = redact(message ?? String(error), parsed)
    if (code && AUTH_FAILURES.has(code)) {
      throw new Cs360Error(
        'config',
        `${target} rejected the login: ${reason}. Fix the user or password in DATABASE_URL.`,
        { system: 'postgres', cause: error },
      )
    }
    if (code === MISSING_DATABASE) {
      throw new Cs360Error(
        'config',
        `${target}: ${reason}. Create that database (createdb) or name an existing one in DATABASE_URL.`,
        { system: 'postgres', cause: error },
      )
    }
    if (ranOutOfTime(error))
      throw new Error(
        `${target} did not answer within ${connectTimeoutSeconds} s (raise ` +
          'DATABASE_CONNECT_TIMEOUT_SECONDS if it is just slow): check that the host and port ' +
          'in DATABASE_URL are a PostgreSQL server, or unset DATABASE_URL and cs360 starts its ' +
          'own embedded PostgreSQL.',
        { cause: error },
      )
    throw new Error(
      `cannot connect to ${target}: ${reason}. Start that PostgreSQL or fix the host and port in ` +
        'DATABASE_URL, or unset DATABASE_URL and cs360 starts its own embedded PostgreSQL.',
      { cause: error },
    )
  } finally {
    await client.end().catch(() => undefined)
  }
}

/**
 * pg's failure when connectionTimeoutMillis passed: "timeout expired" while the socket connects,
 * "Connection terminated due to connection timeout" once it waits for the server's greeting.
 */
function ranOutOfTime(error: unknown): boolean {
  const message = (error as { message?: unknown } | null)?.message
  return typeof message === 'string' && /connection timeout|timeout expired/i.test(message)
}

function redact(message: string, url: URL): string {
  let decoded = url.password
  try {
    decoded = decodeURIComponent(url.password)
  } catch {
    // Malformed escapes: only the raw form can appear.
  }
  return [url.password, decoded]
    .filter(Boolean)
    .reduce((text, secret) => text.split(secret).join('***'), message)
}
