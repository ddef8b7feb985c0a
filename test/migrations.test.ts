import { readdir } from 'node:fs/promises'
import { sql } from 'kysely'
import { describe, expect, inject, it } from 'vitest'
import { connectDatabase } from '../src/db/connect.js'
import { migrateToLatest } from '../src/db/migrate.js'
import { createDatabase } from './global-setup.js'
import { runCli } from './support/cli.js'

describe('migrations', () => {
  it('apply once; a second run is a no-op', async () => {
    const url = await createDatabase(inject('databaseServerUrl'), 'cs360_migrations')
    const db = connectDatabase(url)
    try {
      const first = await migrateToLatest(db)
      expect(first.applied.length).toBeGreaterThan(0)
      const second = await migrateToLatest(db)
      expect(second.applied).toEqual([])
      const tables = await sql<{
        table_name: string
      }>`select table_name from information_schema.tables where table_schema = 'public'`.execute(db)
      expect(tables.rows.map((r) => r.table_name)).toEqual(
        expect.arrayContaining([
          'accounts',
          'opportunities',
          'crm_users',
          'sync_cursors',
          'sync_runs',
          'account_scores',
          'written_values',
          'quarantined_records',
          'source_accounts',
          'account_links',
          'support_tickets',
          'satisfaction_ratings',
          'billing_subscriptions',
          'billing_invoices',
          'billing_mrr_monthly',
          'usage_daily',
        ]),
      )
    } finally {
      await db.destroy()
    }
  })

  it('`cs360 migrate` against DATABASE_URL says what it applied, then that the schema is current', async () => {
    const url = await createDatabase(inject('databaseServerUrl'), 'cs360_migrate_cli')
    const first = await runCli(['migrate'], { env: { DATABASE_URL: url } })
    const files = (await readdir('migrations')).filter((f) => f.endsWith('.sql'))
    expect(first.stdout).toContain(`applied ${files.length} migration(s)`)
    expect(first.code).toBe(0)
    const second = await runCli(['migrate'], { env: { DATABASE_URL: url } })
    expect(second.stdout).toMatch(/schema is up to date \(DATABASE_URL\)/)
  })

  it('a DATABASE_URL that cannot be reached fails with exit 1 and no password in the message', async () => {
    const result = await runCli(['migrate'], {
      env: { DATABASE_URL: 'postgres://cs360:hunter2@127.0.0.1:1/nope' },
    })
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('cannot connect to DATABASE_URL (127.0.0.1:1/nope)')
    expect(result.stderr).not.toContain('hunter2')
  })
})
