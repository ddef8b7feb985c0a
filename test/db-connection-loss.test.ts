import { sql } from 'kysely'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { inject } from 'vitest'
import { connectDatabase } from '../src/db/connect.js'
import { createDatabase } from './global-setup.js'

describe('a database connection the server ends while cs360 holds it', () => {
  const admin = new pg.Client({ connectionString: inject('databaseServerUrl') })
  let db: ReturnType<typeof connectDatabase> | undefined
  afterAll(async () => {
    await db?.destroy()
    await admin.end()
  })

  it('fails the statement in progress, not the process, and the next query reconnects', async () => {
    const url = await createDatabase(inject('databaseServerUrl'), 'cs360_connection_loss')
    db = connectDatabase(url)
    await admin.connect()
    const inTransaction = db.transaction().execute(async (trx) => {
      const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx)
      const pid = rows[0]!.pid
      // What a restart or an administrator does to every connection: this one is checked out,
      // between two statements of a transaction, when the server ends it.
      await admin.query('select pg_terminate_backend($1)', [pid])
      for (;;) {
        const alive = await admin.query('select 1 from pg_stat_activity where pid = $1', [pid])
        if (alive.rowCount === 0) break
        await new Promise((r) => setTimeout(r, 20))
      }
      // Let the connection's end reach the client before it is used again.
      await new Promise((r) => setTimeout(r, 300))
      await sql`select 1`.execute(trx)
    })
    await expect(inTransaction).rejects.toThrow()
    const { rows } = await sql<{ one: number }>`select 1 as one`.execute(db)
    expect(rows).toEqual([{ one: 1 }])
  })
})
