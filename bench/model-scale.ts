/**
 * The model at scale: a customer-360 of `accounts` CRM accounts (100,000 by default) with a year
 * of daily usage, loaded with COPY into a database of its own on the bench's Postgres, then the
 * run's three model steps — scoring, plays, retention metrics and renewal forecast — called as
 * the worker calls them (the activity functions, with the deps the worker builds) and timed.
 * Each step's accounts a second and usage rows read stand beside a plain scan of the same usage
 * rows: the least any step that reads them must spend.
 */
import { randomUUID } from 'node:crypto'
import { sql, type Kysely } from 'kysely'
import pg from 'pg'
import { computeActivities } from '../src/activities/compute-scores.js'
import type { ActivityDeps } from '../src/activities/deps.js'
import { metricsActivities } from '../src/activities/refresh-metrics.js'
import { playsActivities } from '../src/activities/refresh-plays.js'
import type { Cs360Config } from '../src/config/schema.js'
import { connectDatabase } from '../src/db/connect.js'
import type { Database } from '../src/db/database.js'
import { migrateToLatest } from '../src/db/migrate.js'
import { recordRunStart } from '../src/db/sync-runs.js'
import { createLogger } from '../src/logger.js'
import { USAGE_LOOKBACK_DAYS } from '../src/model/signals.js'
import {
  billingInvoices,
  billingMrrMonthly,
  billingSubscriptions,
} from './model-scale/billing-rows.js'
import type { CompanyShape } from './model-scale/company.js'
import { copyRows } from './model-scale/copy-rows.js'
import { accounts, crmUsers, opportunities } from './model-scale/crm-rows.js'
import { accountLinks, SOURCES, sourceAccounts } from './model-scale/source-rows.js'
import { satisfactionRatings, supportTickets } from './model-scale/support-rows.js'
import type { TableRows } from './model-scale/table-rows.js'
import { usageDaily } from './model-scale/usage-rows.js'

export const MODEL_SCALE_DATABASE = 'cs360_model_scale'

export interface ModelScaleOptions {
  /** Any database URL of the bench's Postgres, as a superuser (it creates the database). */
  serverUrl: string
  crm: string
  accounts: number
  seed: number
  asOf: string
  /** The run's config: its model settings and the connectors whose data is scored. */
  config: Cs360Config
  say: (message: string) => void
}

export interface TableLoad {
  table: string
  rows: number
  seconds: number
  rowsPerSecond: number
}

export interface ModelStep {
  step: 'scoring' | 'plays' | 'metrics'
  seconds: number
  /** Accounts the step went through (metrics: every account with billing linked). */
  accounts: number
  accountsPerSecond: number
  /** usage_daily rows the step reads (the usage look-back of every account it scores). */
  usageRowsRead: number
  usageRowsPerSecond: number | null
  result: Record<string, unknown>
}

export interface ModelScaleReport {
  accounts: number
  scoredAccounts: number
  /** Every usage_daily row stored, a year of them, and the days they span. */
  usageRows: number
  usageDays: number
  databaseGb: number
  load: TableLoad[]
  loadSeconds: number
  vacuumAnalyzeSeconds: number
  /** A plain scan of the usage rows the steps read (their id arrays included): the floor. */
  usageScan: { rows: number; seconds: number; rowsPerSecond: number }
  steps: ModelStep[]
}

export async function measureModelScale(options: ModelScaleOptions): Promise<ModelScaleReport> {
  const { crm, say } = options
  const shape: CompanyShape = { seed: options.seed, asOf: options.asOf, accounts: options.accounts }
  const url = await freshDatabase(options.serverUrl)
  const db = connectDatabase(url)
  try {
    await migrateToLatest(db)
    const tables: TableRows[] = [
      crmUsers(shape, crm),
      accounts(shape, crm),
      opportunities(shape, crm),
      sourceAccounts(shape),
      accountLinks(shape, crm),
      billingSubscriptions(shape),
      billingMrrMonthly(shape),
      billingInvoices(shape),
      supportTickets(shape),
      satisfactionRatings(shape),
      usageDaily(shape),
    ]
    const load = await loadTables(url, tables, say)
    const loadSeconds = round(load.reduce((sum, t) => sum + t.seconds, 0))
    say('vacuum analyze: the state a customer-360 synced for a year is in')
    const vacuumAnalyzeSeconds = await timed(() => sql`vacuum (analyze)`.execute(db))
    const deps: ActivityDeps = {
      db,
      config: options.config,
      log: createLogger({}, () => undefined),
    }
    const runId = randomUUID()
    await recordRunStart(db, { id: runId, workflowId: 'bench-model-scale', trigger: 'bench' })
    const input = { runId, crm, asOf: options.asOf }

    say('scoring')
    let scores: Awaited<ReturnType<ReturnType<typeof computeActivities>['computeScores']>>
    const scoringSeconds = await timed(async () => {
      scores = await computeActivities(deps).computeScores(input)
    })
    const usageRowsRead = await usageRowsOfScoredAccounts(db, crm, options.asOf)
    say(`scoring: ${scores!.scored} accounts in ${scoringSeconds} s`)

    say('plays')
    let plays: Awaited<ReturnType<ReturnType<typeof playsActivities>['refreshPlays']>>
    const playsSeconds = await timed(async () => {
      plays = await playsActivities(deps).refreshPlays(input)
    })
    say(`plays: ${playsSeconds} s`)

    say('metrics')
    let metrics: Awaited<ReturnType<ReturnType<typeof metricsActivities>['refreshMetrics']>>
    const metricsSeconds = await timed(async () => {
      metrics = await metricsActivities(deps).refreshMetrics(input)
    })
    say(`metrics: ${metricsSeconds} s`)
    const billed = await accountsWithBilling(db, crm)

    const usageScan = await scanUsageWindow(db, options.asOf)
    const step = (
      name: ModelStep['step'],
      seconds: number,
      count: number,
      usageRows: number,
      result: object,
    ): ModelStep => ({
      step: name,
      seconds,
      accounts: count,
      accountsPerSecond: Math.round(count / Math.max(seconds, 0.001)),
      usageRowsRead: usageRows,
      usageRowsPerSecond: usageRows > 0 ? Math.round(usageRows / Math.max(seconds, 0.001)) : null,
      result: { ...result },
    })
    return {
      accounts: options.accounts,
      scoredAccounts: scores!.scored,
      usageRows: load.find((t) => t.table === 'usage_daily')?.rows ?? 0,
      usageDays: 365,
      databaseGb: await databaseGb(db),
      load,
      loadSeconds,
      vacuumAnalyzeSeconds,
      usageScan,
      steps: [
        step('scoring', scoringSeconds, scores!.scored, usageRowsRead, scores!),
        step('plays', playsSeconds, scores!.scored, usageRowsRead, plays!),
        step('metrics', metricsSeconds, billed, 0, metrics!),
      ],
    }
  } finally {
    await db.destroy()
  }
}

/** Drops and creates the bench's own database; returns its URL. */
async function freshDatabase(serverUrl: string): Promise<string> {
  const admin = connectDatabase(serverUrl, 1)
  try {
    await sql`drop database if exists ${sql.id(MODEL_SCALE_DATABASE)} with (force)`.execute(admin)
    await sql`create database ${sql.id(MODEL_SCALE_DATABASE)}`.execute(admin)
  } finally {
    await admin.destroy()
  }
  return Object.assign(new URL(serverUrl), { pathname: `/${MODEL_SCALE_DATABASE}` }).toString()
}

async function loadTables(
  url: string,
  tables: readonly TableRows[],
  say: (message: string) => void,
): Promise<TableLoad[]> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const loads: TableLoad[] = []
    for (const t of tables) {
      const started = performance.now()
      const rows = await copyRows(client, t.table, t.columns, t.rows())
      const seconds = round((performance.now() - started) / 1000)
      loads.push({
        table: t.table,
        rows,
        seconds,
        rowsPerSecond: Math.round(rows / Math.max(seconds, 0.001)),
      })
      say(`loaded ${rows.toLocaleString('en-US')} rows into ${t.table} in ${seconds} s`)
    }
    return loads
  } finally {
    await client.end()
  }
}

/** Rows of usage_daily in the look-back window of the accounts scored: what the signals read. */
async function usageRowsOfScoredAccounts(
  db: Kysely<Database>,
  crm: string,
  asOf: string,
): Promise<number> {
  const { rows } = await sql<{ n: string }>`
    select count(*) as n
    from account_scores s
    join account_links l on l.crm = s.source and l.crm_account_id = s.source_id
      and l.status = 'matched' and l.source = ${SOURCES.usage}
    join usage_daily u on u.source = l.source and u.source_account_id = l.source_id
    where s.source = ${crm}
      and u.day > ${asOf}::date - ${USAGE_LOOKBACK_DAYS}::int and u.day <= ${asOf}::date`.execute(
    db,
  )
  return Number(rows[0]!.n)
}

async function accountsWithBilling(db: Kysely<Database>, crm: string): Promise<number> {
  const { rows } = await sql<{ n: string }>`
    select count(distinct crm_account_id) as n from account_links
    where crm = ${crm} and status = 'matched' and source = ${SOURCES.billing}`.execute(db)
  return Number(rows[0]!.n)
}

/**
 * The usage window read once, as cheaply as Postgres can: one pass over its rows touching
 * every id array. No step that reads those rows can take less.
 */
async function scanUsageWindow(
  db: Kysely<Database>,
  asOf: string,
): Promise<ModelScaleReport['usageScan']> {
  let rows = 0
  const seconds = await timed(async () => {
    const result = await sql<{ n: string }>`
      select count(*) as n, sum(cardinality(user_ids) + cardinality(session_ids)
        + cardinality(event_types)) as ids
      from usage_daily
      where source = ${SOURCES.usage}
        and day > ${asOf}::date - ${USAGE_LOOKBACK_DAYS}::int and day <= ${asOf}::date`.execute(db)
    rows = Number(result.rows[0]!.n)
  })
  return { rows, seconds, rowsPerSecond: Math.round(rows / Math.max(seconds, 0.001)) }
}

async function databaseGb(db: Kysely<Database>): Promise<number> {
  const { rows } = await sql<{
    bytes: string
  }>`select pg_database_size(current_database()) as bytes`.execute(db)
  return round(Number(rows[0]!.bytes) / 2 ** 30)
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now()
  await work()
  return round((performance.now() - started) / 1000)
}

const round = (n: number) => Math.round(n * 100) / 100
