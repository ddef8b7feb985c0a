import type { Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { usageStream } from '../src/connectors/amplitude/streams.js'
import { MemoryLoad, readPages, testContext } from '../src/connectors/amplitude/test-support.js'
import type { StreamPage } from '../src/connectors/types.js'
import { connectDatabase } from '../src/db/connect.js'
import type { Database } from '../src/db/database.js'
import { loadRows } from '../src/db/load-rows.js'
import type { TargetRow } from '../src/db/load-target.js'
import { migrateToLatest } from '../src/db/migrate.js'
import { amplitudeDatasetSchema } from '../src/sandbox/amplitude/dataset-schema.js'
import { renderAmplitude } from '../src/sandbox/amplitude/generator.js'
import type { AmplitudeSandbox } from '../src/sandbox/amplitude/server.js'
import { credentials, startTestProject } from '../src/sandbox/amplitude/test-project.js'
import { buildCompanyModel } from '../src/sandbox/dataset/company-model.js'
import { createDatabase } from './global-setup.js'

/**
 * The usage merge rules as Postgres runs them (the connector's unit tests use an in-memory model
 * of them): an Amplitude export interrupted mid-window and resumed lands exactly the days an
 * uninterrupted read lands, and replaying hours already committed changes nothing.
 */
const section = amplitudeDatasetSchema.parse(
  renderAmplitude(buildCompanyModel(11, '2026-11-19', 12), 11),
)
const config = { startDate: '2026-11-09', windowHours: 24 }

describe('usage_daily merges hourly export windows idempotently', () => {
  let project: AmplitudeSandbox
  const dbs: Kysely<Database>[] = []
  const freshDb = async (name: string) => {
    const db = connectDatabase(await createDatabase(inject('databaseServerUrl'), name))
    await migrateToLatest(db)
    dbs.push(db)
    return db
  }

  beforeAll(async () => {
    project = await startTestProject(section)
  })
  afterAll(async () => {
    await project.close()
    for (const db of dbs) await db.destroy()
  })

  /** Commits pages one transaction each, as the extract activity does. */
  async function land(
    db: Kysely<Database>,
    ctx: ReturnType<typeof testContext>['ctx'],
    pages: StreamPage[],
  ) {
    let upserted = 0
    for (const page of pages) {
      const rows: TargetRow[] = page.records.flatMap((raw) => {
        const mapped = usageStream.map(raw, ctx, page)
        return mapped.ok ? mapped.rows : []
      })
      const counts = await db
        .transaction()
        .execute((trx) => loadRows(trx, usageStream.targets, rows))
      upserted += counts.upserted
    }
    return upserted
  }

  const days = (db: Kysely<Database>) =>
    db
      .selectFrom('usage_daily')
      .select([
        'source_account_id',
        'day',
        'hours_loaded',
        'events',
        'user_ids',
        'session_ids',
        'event_types',
      ])
      .orderBy('source_account_id')
      .orderBy('day')
      .execute()

  const accounts = (db: Kysely<Database>) =>
    db
      .selectFrom('source_accounts')
      .select(['source_id', 'name', 'domains', 'source_created_at'])
      .orderBy('source_id')
      .execute()

  it('resumes at the hour it reached and replays committed hours as no-ops', async () => {
    // The reference reads with the production page size (many hours a page, several rows of
    // one account-day in a page); the interrupted read commits hour by hour.
    const batched = testContext(project.url, credentials, { ...config, pageSize: 2_000 }).ctx
    const whole = await readPages(batched, null)
    expect(whole.length).toBeLessThan(12)
    const reference = await freshDb('cs360_usage_whole')
    await land(reference, batched, whole)
    const { ctx } = testContext(project.url, credentials, config)

    const interrupted = await freshDb('cs360_usage_resumed')
    const done = await readPages(ctx, null, 7)
    await land(interrupted, ctx, done)
    await land(interrupted, ctx, await readPages(ctx, done.at(-1)!.checkpoint))
    expect(await days(interrupted)).toEqual(await days(reference))
    expect(await accounts(interrupted)).toEqual(await accounts(reference))

    // A retry from an older checkpoint reads hours that are already in: nothing changes.
    const replay = await readPages(ctx, done[2]!.checkpoint)
    expect(await land(interrupted, ctx, replay)).toBe(0)
    expect(await days(interrupted)).toEqual(await days(reference))

    // The connector's unit tests model these rules in memory; the database agrees with them.
    const memory = new MemoryLoad(ctx.config).commit(whole)
    expect((await days(reference)).map((d) => [d.source_account_id, d.day, d.events])).toEqual(
      [...memory.usage.values()]
        .map((r) => [r.source_account_id, r.day, r.events])
        .sort(
          (a, b) =>
            String(a[0]).localeCompare(String(b[0])) || String(a[1]).localeCompare(String(b[1])),
        ),
    )
  })
})
