import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateDataset } from '../../src/sandbox/dataset/generate.js'
import type { Dataset } from '../../src/sandbox/dataset/schema.js'
import { crmsUnderTest } from '../support/crms-under-test.js'
import { AS_OF, createHarness, type Harness } from '../support/harness.js'
import {
  activityAttempts,
  cliSync,
  duplicateWrites,
  evidence,
  lostAndDuplicated,
  syncWithWorker,
} from './support/api-fault-run.js'
import { recordFaultOutcome } from './support/outcomes.js'

/** Record ids that received written values, per CRM record: what a run's write-back reached. */
async function writtenRecords(h: Harness): Promise<Set<string>> {
  const rows = await h.db.selectFrom('written_values').select('record_id').distinct().execute()
  return new Set(rows.map((r) => r.record_id))
}

describe.each(crmsUnderTest)('a partial batch failure on write-back to $id', (spec) => {
  // More scored accounts than one write request carries.
  const dataset = generateDataset({ accounts: 240, seed: 25, asOf: AS_OF, crm: spec.id })
  const only = [spec.id]
  let reference: Harness
  beforeAll(async () => {
    reference = await createHarness(`faults_api_batch_ref_${spec.id}`, { dataset, only })
    await syncWithWorker(reference, 'reference')
  })
  afterAll(() => reference?.close())

  it('one refused record: the others land, it is set aside with the CRM’s reason and retried next run', async () => {
    const h = await createHarness(`faults_api_batch_${spec.id}`, { dataset, only })
    try {
      const crm = spec.adapter(h)
      const expectedIds = await writtenRecords(reference)
      expect(expectedIds.size).toBeGreaterThan(spec.batch)
      const bad = [...expectedIds].sort()[7]!
      const reason = 'Renewal freeze: health fields are locked on this account'
      crm.refuse(reason, [bad])
      const first = await syncWithWorker(h, 'first')
      const landed = await writtenRecords(h)
      expect(landed.has(bad)).toBe(false)
      expect(landed.size).toBe(expectedIds.size - 1)
      expect(first.writeFailures).toBe(1)
      // Set aside where write-back refusals are kept (`cs360 report rejections`).
      const rejected = await h.db
        .selectFrom('write_rejections')
        .selectAll()
        .where('record_id', '=', bad)
        .execute()
      expect(rejected.length).toBeGreaterThan(0)
      expect(rejected[0]!.last_error).toContain(reason)
      // The CRM lifts the freeze; once the rejection's backoff has passed the next run sends it.
      crm.allowAll()
      await h.db
        .updateTable('write_rejections')
        .set({ retry_after: new Date(0) })
        .execute()
      const second = await syncWithWorker(h, 'second')
      expect(second.written).toBe(1)
      expect(await writtenRecords(h)).toEqual(expectedIds)
      expect(crm.fields(bad)).toEqual(spec.adapter(reference).fields(bad))

      const measured = lostAndDuplicated(
        await evidence(h, spec.id),
        await evidence(reference, spec.id),
      )
      const lost = [...expectedIds].filter((id) => !landed.has(id) && id !== bad).length
      // Two runs send two write requests here: only records written twice are duplicates.
      const duplicated = Math.max(measured.duplicatedRecords, await duplicateWrites(h))
      expect(measured.lostByTable).toEqual({})
      expect(duplicated).toBe(0)
      recordFaultOutcome({
        fault: `partial batch failure on ${spec.id} write-back (1 of ${expectedIds.size})`,
        outcome: `${landed.size} landed, 1 quarantined with the CRM's reason, written next run`,
        lost: lost + measured.lost,
        duplicated,
      })
    } finally {
      await h.close()
    }
  })
})

describe('malformed, oversized and unknown-field records at the source', () => {
  it('the malformed one is quarantined with its reason, the others are stored, the run goes on', async () => {
    const dataset: Dataset = generateDataset({ accounts: 40, seed: 26, asOf: AS_OF })
    const tickets = dataset.zendesk!.tickets as Record<string, unknown>[]
    const [malformed, oversized, unknown] = [tickets[3]!, tickets[4]!, tickets[5]!]
    malformed.status = 'escalated'
    malformed.priority = 'p0'
    const longSubject = `Everything is broken ${'and more '.repeat(120_000)}`
    oversized.subject = longSubject
    unknown.cs360_unheard_of = { nested: ['field', 1] }
    const h = await createHarness('faults_api_records_bad', {
      dataset,
      only: ['salesforce', 'zendesk'],
    })
    try {
      const result = await syncWithWorker(h, 'bad-records')
      const step = result.steps.find((s) => s.step === 'extract:zendesk:tickets')!
      expect(step.recordsQuarantined).toBe(1)
      const [quarantine] = await h.db
        .selectFrom('quarantined_records')
        .selectAll()
        .where('stream', '=', 'tickets')
        .execute()
      expect(quarantine).toMatchObject({ connector: 'zendesk', source_id: String(malformed.id) })
      expect(quarantine!.reason).toMatch(/status: .*; priority: /)
      const stored = async (id: unknown) =>
        h.db
          .selectFrom('support_tickets')
          .selectAll()
          .where('source', '=', 'zendesk')
          .where('source_id', '=', String(id))
          .executeTakeFirst()
      expect((await stored(oversized.id))?.subject).toBe(longSubject)
      expect((await stored(unknown.id))?.extra).toMatchObject({
        cs360_unheard_of: { nested: ['field', 1] },
      })
      // Stored or set aside, never dropped.
      const held = new Set(
        (
          await h.db
            .selectFrom('support_tickets')
            .select('source_id')
            .where('source', '=', 'zendesk')
            .execute()
        ).map((t) => t.source_id),
      )
      held.add(quarantine!.source_id!)
      const lost = tickets.filter((t) => !held.has(String(t.id))).length
      const duplicated = await duplicateWrites(h)
      expect(lost).toBe(0)
      expect(duplicated).toBe(0)
      recordFaultOutcome({
        fault: 'malformed, oversized (1 MB) and unknown-field tickets',
        outcome:
          'malformed quarantined with reason; oversized and unknown-field stored; run succeeded',
        lost,
        duplicated,
      })
    } finally {
      await h.close()
    }
  })
})

describe('a field cs360 reads removed from the source between runs', () => {
  let h: Harness
  beforeAll(async () => {
    h = await createHarness('faults_api_removed_field', {
      accounts: 40,
      seed: 27,
      only: ['salesforce'],
    })
  })
  afterAll(() => h?.close())

  it('the next run stops with a clear error naming the field, not retried', async () => {
    const first = await cliSync(h)
    expect(first.code, first.stderr).toBe(0)
    const before = await evidence(h)
    const account = h.salesforce.store.table('Account')!
    account.fields = account.fields.filter((f) => f.name !== 'CS360_CSM_Health__c')
    const second = await cliSync(h)
    expect(second.code).toBe(2)
    // A preflight names the field, the setting and both ways out before the run starts.
    expect(second.stderr).toMatch(
      /^cs360: the sync does not start, the CSM health field cannot be read/,
    )
    expect(second.stderr).toMatch(
      /connectors\.salesforce\.csmHealthField: Account\.CS360_CSM_Health__c does not exist/,
    )
    const runs = await h.db
      .selectFrom('sync_runs')
      .select(['status', 'workflow_id'])
      .orderBy('started_at')
      .execute()
    expect(runs.map((r) => r.status)).toEqual(['succeeded', 'failed'])
    const attempts = await activityAttempts(h, runs[1]!.workflow_id)
    expect(attempts.filter((a) => a.attempt > 1)).toEqual([])
    // What the first run stored stays.
    const measured = lostAndDuplicated(await evidence(h), before)
    expect(measured.lostByTable).toEqual({})
    expect(measured.duplicated).toBe(0)
    recordFaultOutcome({
      fault: 'schema drift: a read field removed between runs',
      outcome: 'run failed at once naming the field and the setting (exit 2); stored data kept',
      lost: measured.lost,
      duplicated: measured.duplicated,
    })
  })
})
