import { resolve } from 'node:path'
import type { Kysely } from 'kysely'
import type { Environment } from '../config/environment.js'
import { DEFAULT_CONFIG_FILE } from '../config/load.js'
import type { Database } from '../db/database.js'
import { runDigestFacts } from '../db/digest/run-digest.js'
import { runDigestLines, type DigestPointers } from './run-digest.js'

/** 004's renewal timeline starts its save motions 90 days out: the window the digest shows. */
export const RENEWAL_HORIZON_DAYS = 90

/** The digest of the customer-360 a run left, for the CRM of record on the run's as-of day. */
export async function digestForRun(
  db: Kysely<Database>,
  crm: string,
  asOf: string,
): Promise<string[]> {
  const facts = await runDigestFacts(db, crm, asOf, RENEWAL_HORIZON_DAYS)
  return runDigestLines(facts, crm, asOf, RENEWAL_HORIZON_DAYS)
}

/**
 * How this user reaches each detail: `cs360` with their --config, psql with DATABASE_URL by
 * reference (its password stays in their environment) or the embedded server's password file.
 */
export function pointersFor(
  env: Environment,
  configPath: string,
  databaseUrl: string,
  workflowUrl?: string,
): DigestPointers {
  const cs360 =
    configPath === DEFAULT_CONFIG_FILE ? 'npx cs360' : `npx cs360 --config ${configPath}`
  if (env.DATABASE_URL) return { cs360, psql: 'psql "$DATABASE_URL"', workflowUrl }
  const url = new URL(databaseUrl)
  url.password = ''
  const passwordFile = resolve(env.CS360_HOME, 'postgres.password')
  return {
    cs360,
    psql: `PGPASSWORD="$(cat ${passwordFile})" psql '${url.toString()}'`,
    workflowUrl,
  }
}
