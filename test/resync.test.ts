import { writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { connectDatabase } from '../src/db/connect.js'
import { migrateToLatest } from '../src/db/migrate.js'
import { addToRunStep } from '../src/db/run-steps.js'
import { recordRunStart } from '../src/db/sync-runs.js'
import { saveCursor, startingCursor } from '../src/db/sync-cursors.js'
import { createDatabase } from './global-setup.js'
import { runCli, type CliResult } from './support/cli.js'
import { AS_OF, createHarness, type Harness, cliEnv } from './support/harness.js'

const MISSPELT = '    opportunities:\n      renewalTypes: [Renewl]\n'
const REAPPLIED =
  're-applied: salesforce Opportunity: renewalTypes changed since the last sync — re-read from the beginning to re-apply'

describe('re-applying changed settings to stored records, and sync --full', () => {
  let h: Harness
  let misspelt: string
  let corrected: string

  const env = (databaseUrl = h.databaseUrl) => ({ ...cliEnv(h), DATABASE_URL: databaseUrl })
  const sync = (config: string, extra: string[] = [], databaseUrl?: string) =>
    runCli(['--config', config, 'sync', '--once', '--as-of', AS_OF, ...extra], {
      env: env(databaseUrl),
    })
  const runIdOf = (result: CliResult) => /^sync run (\S+) /m.exec(result.stdout)![1]!
  const steps = async (runId: string) => {
    const rows = await h.db
      .selectFrom('sync_run_steps')
      .select(['step', 'records_read', 'records_upserted'])
      .where('run_id', '=', runId)
      .execute()
    return new Map(rows.map((r) => [r.step, r]))
  }
  const renewals = async (db = h.db) =>
    Number(
      (
        await db
          .selectFrom('opportunities')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('is_renewal', '=', true)
          .executeTakeFirstOrThrow()
      ).n,
    )
  // Everything a read stores but the time cs360 last touched the row.
  const stored = async (table: 'opportunities' | 'crm_users') =>
    (await sql`select * from ${sql.table(table)} order by source_id`.execute(h.db)).rows.map(
      (row) => ({ ...(row as Record<string, unknown>), synced_at: undefined }),
    )

  beforeAll(async () => {
    h = await createHarness('resync', {
      accounts: 40,
      seed: 5,
      only: ['salesforce'],
      configExtra: { salesforce: MISSPELT },
    })
    misspelt = join(tmpdir(), `cs360-resync-misspelt-${h.target.taskQueue}.yaml`)
    corrected = join(tmpdir(), `cs360-resync-corrected-${h.target.taskQueue}.yaml`)
    expect(h.configYaml).toContain('renewalTypes: [Renewl]')
    await writeFile(misspelt, h.configYaml)
    await writeFile(corrected, h.configYaml.replace('[Renewl]', '[Renewal]'))
  })
  afterAll(() => h.close())

  it('check warns about a renewal type no Opportunity carries, and still exits 0', async () => {
    const check = await runCli(['--config', misspelt, 'check'], { env: h.env })
    expect(check.code, check.stderr).toBe(0)
    expect(check.stdout).toContain('ok    salesforce: connected to')
    const types = [
      ...new Set(h.salesforce.records('Opportunity').flatMap((o) => (o.Type ? [o.Type] : []))),
    ]
    expect(types).toContain('Renewal')
    const warning =
      /^ {2}warn {2}connectors\.salesforce\.opportunities\.renewalTypes: "Renewl" matches no Opportunity Type \(values seen: ([^)]*)\) — fix the spelling or remove it$/m.exec(
        check.stderr,
      )
    expect(warning, check.stderr).not.toBeNull()
    expect(warning![1]!.split(', ').sort()).toEqual(types.sort())

    const fine = await runCli(['--config', corrected, 'check'], { env: h.env })
    expect(fine.code).toBe(0)
    expect(fine.stderr).not.toContain('warn')
  })

  it('a corrected renewal type re-applies to the opportunities already stored, and says so', async () => {
    const first = await sync(misspelt)
    expect(first.code, first.stderr).toBe(0)
    expect(first.stdout).not.toContain('re-applied')
    expect(await renewals()).toBe(0)

    const second = await sync(corrected)
    expect(second.code, second.stderr).toBe(0)
    expect(second.stdout).toContain(REAPPLIED)
    // Only the stream the setting maps was read whole again; accounts stayed incremental.
    const opportunities = h.salesforce.records('Opportunity', { includeDeleted: true }).length
    const read = await steps(runIdOf(second))
    expect(read.get('extract:salesforce:Opportunity')?.records_read).toBe(opportunities)
    expect(read.get('extract:salesforce:User')!.records_read).toBeLessThan(
      h.salesforce.records('User', { includeDeleted: true }).length,
    )

    // The same config on a database that never saw the misspelling.
    const freshUrl = await createDatabase(inject('databaseServerUrl'), 'cs360_resync_fresh')
    const fresh = connectDatabase(freshUrl)
    try {
      await migrateToLatest(fresh)
      const freshRun = await sync(corrected, [], freshUrl)
      expect(freshRun.code, freshRun.stderr).toBe(0)
      expect(freshRun.stdout).not.toContain('re-applied')
      expect(await renewals(fresh)).toBeGreaterThan(0)
      expect(await renewals()).toBe(await renewals(fresh))
    } finally {
      await fresh.destroy()
    }

    const third = await sync(corrected)
    expect(third.code, third.stderr).toBe(0)
    expect(third.stdout).not.toContain('re-applied')
  })

  it('sync --full --source salesforce re-reads every stream whole and changes nothing stored', async () => {
    const before = {
      opportunities: await stored('opportunities'),
      users: await stored('crm_users'),
    }
    const plain = await sync(corrected)
    expect(plain.code, plain.stderr).toBe(0)
    expect((await steps(runIdOf(plain))).has('reconcile:salesforce')).toBe(false)

    const full = await sync(corrected, ['--full', '--source', 'salesforce'])
    expect(full.code, full.stderr).toBe(0)
    const read = await steps(runIdOf(full))
    for (const object of ['User', 'Account', 'Opportunity']) {
      const step = read.get(`extract:salesforce:${object}`)
      expect(step?.records_read, object).toBe(
        h.salesforce.records(object, { includeDeleted: true }).length,
      )
    }
    expect(read.get('extract:salesforce:Opportunity')!.records_upserted).toBe(0)
    // A whole read is when records purged upstream can be noticed: live ids are compared now.
    expect(read.has('reconcile:salesforce')).toBe(true)
    expect(await stored('opportunities')).toEqual(before.opportunities)
    expect(await stored('crm_users')).toEqual(before.users)
  })

  it('--source naming a connector that is not configured, or without --full, exits 2', async () => {
    const unknown = await sync(corrected, ['--full', '--source', 'zendesk'])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain(
      '--source zendesk: not a configured connector; configured: salesforce',
    )
    const alone = await sync(corrected, ['--source', 'salesforce'])
    expect(alone.code).toBe(2)
    expect(alone.stderr).toContain('add --full')
  })
})

describe('cs360 check against the sandbox HubSpot', () => {
  it('warns about a deal type no deal carries, naming the types deals do carry', async () => {
    const h = await createHarness('resync_hubspot', {
      crm: 'hubspot',
      accounts: 10,
      seed: 5,
      only: ['hubspot'],
      configExtra: { hubspot: '    deals:\n      renewalTypes: [renewl, renewal]\n' },
    })
    try {
      const path = join(tmpdir(), `cs360-resync-hubspot-${h.target.taskQueue}.yaml`)
      await writeFile(path, h.configYaml)
      const check = await runCli(['--config', path, 'check'], { env: h.env })
      expect(check.code, check.stderr).toBe(0)
      const warnings = check.stderr.split('\n').filter((l) => l.startsWith('  warn  '))
      expect(warnings).toHaveLength(1)
      expect(warnings[0]).toMatch(
        /^ {2}warn {2}connectors\.hubspot\.deals\.renewalTypes: "renewl" matches no deal type \(dealtype\) \(values seen: [^)]*\brenewal\b[^)]*\) — fix the spelling or remove it$/,
      )
    } finally {
      await h.close()
    }
  })
})

describe('where a read from the beginning starts', () => {
  it('ignores the saved cursor until its run commits a page, then resumes after it', async () => {
    const url = await createDatabase(inject('databaseServerUrl'), 'cs360_resync_cursor')
    const db = connectDatabase(url)
    try {
      await migrateToLatest(db)
      const runId = '00000000-0000-4000-8000-000000000001'
      await recordRunStart(db, { id: runId, workflowId: 'w', trigger: 'test' })
      const step = 'extract:salesforce:Opportunity'
      const where = { connector: 'salesforce', stream: 'Opportunity', runId, step }
      await db
        .transaction()
        .execute((trx) =>
          saveCursor(trx, 'salesforce', 'Opportunity', { modstamp: 'from an earlier run' }),
        )
      expect(await startingCursor(db, { ...where, fromStart: false })).toEqual({
        modstamp: 'from an earlier run',
      })
      expect(await startingCursor(db, { ...where, fromStart: true })).toBeNull()
      // A retried attempt of the same run, after its first page committed with its cursor.
      await db.transaction().execute(async (trx) => {
        await saveCursor(trx, 'salesforce', 'Opportunity', { modstamp: 'page 1 of this run' })
        await addToRunStep(trx, runId, step, { read: 2000, pages: 1 })
      })
      expect(await startingCursor(db, { ...where, fromStart: true })).toEqual({
        modstamp: 'page 1 of this run',
      })
    } finally {
      await db.destroy()
    }
  })
})
