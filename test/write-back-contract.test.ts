import { writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SyncAllResult } from '../src/workflows/sync-all.js'
import { runCli } from './support/cli.js'
import { crmsUnderTest } from './support/crms-under-test.js'
import type { CrmUnderTest } from './support/crm-under-test.js'
import { AS_OF, createHarness, runSync, startWorker, type Harness } from './support/harness.js'

/**
 * The write-back contract, the same cases for every CRM of record: cs360 never damages, leaves
 * stale or miscounts CRM data. 240 accounts: more than one write batch.
 */
describe.each(crmsUnderTest)('the write-back contract with $id as the CRM of record', (spec) => {
  let h: Harness
  let crm: CrmUnderTest
  let stopWorker: () => Promise<void>
  let runs = 0

  const sync = () => runSync(h, `sync-all:contract:${(runs += 1)}`)
  const step = (r: SyncAllResult, name: string) => r.steps.find((s) => s.step === name)
  const scoredIds = async () =>
    (
      await h.db.selectFrom('account_scores').select('source_id').orderBy('source_id').execute()
    ).map((s) => s.source_id)
  /** Scored accounts without an activity today: logging one moves their score. */
  const quietAccounts = async () =>
    (await h.db.selectFrom('account_scores').selectAll().orderBy('source_id').execute())
      .filter((s) => {
        const components = s.health_components as { measures: { name: string; score: number }[] }[]
        const recency = components
          .flatMap((c) => c.measures)
          .find((m) => m.name === 'touchRecency')?.score
        return recency !== undefined && recency < 100
      })
      .map((s) => s.source_id)
  const cli = async (args: string[], configText = h.configYaml) => {
    const path = join(tmpdir(), `cs360-contract-${h.target.taskQueue}-${runs++}.yaml`)
    await writeFile(path, configText)
    return runCli(['--config', path, ...args], {
      env: {
        ...h.env,
        DATABASE_URL: h.databaseUrl,
        TEMPORAL_ADDRESS: h.target.address,
        TEMPORAL_TASK_QUEUE: `${h.target.taskQueue}-cli`,
      },
    })
  }

  beforeAll(async () => {
    h = await createHarness(`contract_${spec.id}`, { accounts: 240, seed: 21, ...spec.harness })
    crm = spec.adapter(h)
    stopWorker = await startWorker(h)
  })

  afterAll(async () => {
    await stopWorker()
    await h.close()
  })

  it('refuses, in check and before any write, a standard field without opt-in, a missing field and a field of the wrong type', async () => {
    const { mapped, standardField, missingField } = crm.config
    const broken = h.configYaml
      .replace(`healthBand: ${mapped.healthBand}`, `healthBand: ${standardField}`)
      .replace(`arr: ${mapped.arr}`, `arr: ${missingField}`)
      .replace(`healthScore: ${mapped.healthScore}`, `healthScore: ${mapped.healthBand}`)
    expect(broken).not.toBe(h.configYaml)
    const check = await cli(['check'], broken)
    expect(check.code).toBe(2)
    const lines = check.stderr.split('\n').filter((l) => l.includes('writeBack.fields.'))
    expect(lines).toHaveLength(3)
    expect(check.stderr).toMatch(
      new RegExp(`writeBack\\.fields\\.healthBand: .*${standardField} is not a field cs360 owns`),
    )
    expect(check.stderr).toMatch(
      new RegExp(`writeBack\\.fields\\.arr: .*${missingField} does not exist`),
    )
    expect(check.stderr).toMatch(new RegExp(`writeBack\\.fields\\.healthScore: .*number`))
    const before = crm.writeRequests()
    const synced = await cli(['sync', '--once', '--as-of', AS_OF], broken)
    expect(synced.code).toBe(2)
    expect(synced.stderr).toContain(`writeBack.fields.healthBand`)
    expect(crm.writeRequests()).toBe(before)
  })

  it('previews a dry run per record and field, old → new, without one write request', async () => {
    // Old is what the CRM holds now: a value a person typed there shows as such.
    const customers = h.dataset.groundTruth!.accounts.filter((a) => !a.churned)
    const first = customers.map((c) => c.crmId).sort()[0]!
    crm.setField(first, crm.config.mapped.arr, 12345)
    const before = crm.writeRequests()
    const dry = await cli(['sync', '--once', '--dry-run', '--as-of', AS_OF])
    expect(dry.code, dry.stderr).toBe(0)
    expect(crm.writeRequests()).toBe(before)
    expect(dry.stdout).toContain(`dry run`)
    expect(dry.stdout).toContain(`${customers.length} accounts`)
    expect(dry.stdout).toMatch(new RegExp(`${first}.* ${crm.config.mapped.arr}: 12345 → \\d`))
    expect(dry.stdout).toMatch(new RegExp(`${crm.config.mapped.healthBand}: \\(empty\\) → \\w`))
    const preview = await cli(['preview'])
    expect(preview.code, preview.stderr).toBe(0)
    expect(crm.writeRequests()).toBe(before)
  })

  it('counts what the database recorded when the write-back was retried half-way', async () => {
    const customers = h.dataset.groundTruth!.accounts.filter((a) => !a.churned)
    // The second batch's first record fails its whole request once: the activity is retried
    // after the first batch committed.
    const ids = [...customers.map((c) => c.crmId)].sort()
    crm.breakNextWriteOf(ids[spec.batch]!)
    const result = await sync()
    const recorded = await h.db
      .selectFrom('sync_run_steps')
      .select('records_written')
      .where('run_id', '=', result.runId)
      .where('step', '=', `writeback:${crm.id}`)
      .executeTakeFirstOrThrow()
    expect(result.written).toBe(customers.length)
    expect(recorded.records_written).toBe(customers.length)
    const scores = await h.db.selectFrom('account_scores').selectAll().execute()
    for (const s of scores) expect(crm.fields(s.source_id).healthBand).toBe(s.health_band)
  })

  it('clears what it wrote on an account it no longer scores', async () => {
    const [id] = await scoredIds()
    expect(crm.fields(id!).healthScore).not.toBeNull()
    crm.endContracts(id!)
    const result = await sync()
    expect(await scoredIds()).not.toContain(id)
    expect(result.written).toBe(1)
    expect(crm.fields(id!)).toEqual({
      healthScore: null,
      healthBand: null,
      arr: null,
      nextRenewalDate: null,
    })
    // Cleared once: the next run has nothing to write.
    expect((await sync()).written).toBe(0)
  })

  it('detects an account purged at the source and retires it', async () => {
    const ids = await scoredIds()
    const id = ids[ids.length - 1]!
    crm.purge(id)
    await h.db.deleteFrom('live_id_checks').execute()
    const result = await sync()
    expect(step(result, `reconcile:${crm.id}`)?.recordsDeleted).toBe(1)
    const account = await h.db
      .selectFrom('accounts')
      .select('deleted_at')
      .where('source', '=', crm.id)
      .where('source_id', '=', id)
      .executeTakeFirstOrThrow()
    expect(account.deleted_at).not.toBeNull()
    expect(await scoredIds()).not.toContain(id)
  })

  it('catches a change committed late, behind the cursor, within the lookback', async () => {
    // An account cs360 never wrote to: a late commit on a record cannot carry an older stamp
    // than a change already read on that same record.
    const written = new Set(
      (await h.db.selectFrom('written_values').select('record_id').execute()).map(
        (w) => w.record_id,
      ),
    )
    const id = crm.accountIds().find((a) => !written.has(a))!
    // Everything up to now is read; then a change appears stamped 20 seconds ago.
    await sync()
    const { field, value } = crm.commitLate(id, 20)
    await sync()
    const account = await h.db
      .selectFrom('accounts')
      .selectAll()
      .where('source', '=', crm.id)
      .where('source_id', '=', id)
      .executeTakeFirstOrThrow()
    expect((account as Record<string, unknown>)[field]).toBe(value)
  })

  it('keeps one rejection row per record and field across runs and does not re-send it unchanged', async () => {
    // A customer whose score moves when the CRM logs an activity today.
    const id = (await quietAccounts())[0]!
    crm.touch(id)
    crm.refuse('Health cannot change during a renewal freeze', [id])
    const rejectedRows = () =>
      h.db.selectFrom('write_rejections').selectAll().where('record_id', '=', id).execute()
    await expect(sync()).rejects.toThrow()
    const first = await rejectedRows()
    expect(first.length).toBeGreaterThan(0)
    expect(first[0]!.last_error).toContain('Health cannot change during a renewal freeze')
    const sent = crm.writeRequests()
    for (let i = 0; i < 2; i += 1) await sync()
    expect(crm.writeRequests()).toBe(sent)
    const later = await rejectedRows()
    expect(later.map((r) => [r.field, r.attempts])).toEqual(first.map((r) => [r.field, 1]))
    crm.allowAll()
    await h.db
      .updateTable('write_rejections')
      .set({ retry_after: new Date(0) })
      .execute()
    expect((await sync()).written).toBe(1)
    expect(await rejectedRows()).toEqual([])
  })

  it('fails a run whose records are all refused, exit 1 with the CRM’s code and message', async () => {
    const ids = (await quietAccounts()).slice(1, 11)
    for (const id of ids) crm.touch(id)
    crm.refuse('Accounts are locked for the quarter close')
    const result = await cli(['sync', '--once', '--as-of', AS_OF])
    crm.allowAll()
    expect(result.code).toBe(1)
    expect(result.stderr).toContain(crm.refusalCode)
    expect(result.stderr).toContain('Accounts are locked for the quarter close')
    expect(result.stderr).toContain('cs360 report rejections')
    const report = await cli(['report', 'rejections'])
    expect(report.stdout).toContain('Accounts are locked for the quarter close')
  })

  it('refuses to mix another org into the customer-360, and starts clean after a reset', async () => {
    const accountsBefore = await h.db.selectFrom('accounts').select('source_id').execute()
    crm.switchOrg(spec.otherOrg)
    const refused = await cli(['sync', '--once', '--as-of', AS_OF])
    expect(refused.code, refused.stdout + refused.stderr).toBe(2)
    expect(refused.stderr).toContain(spec.otherOrg)
    expect(refused.stderr).toContain(`cs360 reset ${crm.id} --yes`)
    expect(await h.db.selectFrom('accounts').select('source_id').execute()).toEqual(accountsBefore)
    const reset = await cli(['reset', crm.id, '--yes'])
    expect(reset.code, reset.stderr).toBe(0)
    expect(await h.db.selectFrom('accounts').select('source_id').execute()).toEqual([])
    const clean = await cli(['sync', '--once', '--as-of', AS_OF])
    expect(clean.code, clean.stderr).toBe(0)
    const live = await h.db
      .selectFrom('accounts')
      .select('source_id')
      .where('deleted_at', 'is', null)
      .execute()
    expect(live.length).toBe(spec.liveAccounts(h))
  })
})
