import { Worker } from '@temporalio/worker'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createWorker, workflowBundle } from '../src/temporal/worker.js'
import type { SyncAllResult } from '../src/workflows/sync-all.js'
import { AS_OF, countRows, createHarness, quietLog, type Harness } from './support/harness.js'

describe('syncAll end to end against the sandbox Salesforce', () => {
  let h: Harness
  let worker: Worker
  let running: Promise<void>
  let runs = 0

  const sync = async (): Promise<SyncAllResult> => {
    runs += 1
    return h.client.workflow.execute('syncAllWorkflow', {
      taskQueue: h.target.taskQueue,
      workflowId: `sync-all:e2e:${h.target.taskQueue}:${runs}`,
      args: [{ trigger: 'test', asOf: AS_OF }],
    })
  }

  beforeAll(async () => {
    h = await createHarness('e2e', { accounts: 150, seed: 11 })
    worker = await createWorker(h.target, { db: h.db, config: h.config, log: quietLog })
    running = worker.run()
  })

  afterAll(async () => {
    worker.shutdown()
    await running
    await h.close()
  })

  it('lands the CRM in Postgres, scores it and writes the scores onto the Salesforce accounts', async () => {
    const result = await sync()
    const sf = h.salesforce
    const count = (table: 'accounts' | 'opportunities' | 'crm_users') => countRows(h.db, table)
    expect(await count('accounts')).toBe(sf.records('Account').length)
    expect(await count('opportunities')).toBe(sf.records('Opportunity').length)
    expect(await count('crm_users')).toBe(sf.records('User').length)

    const customers = h.dataset.groundTruth!.accounts.filter((a) => !a.churned)
    expect(result.scored).toBe(customers.length)
    expect(result.written).toBe(customers.length)
    expect(Object.values(result.bands).reduce((a, b) => a + b, 0)).toBe(customers.length)

    const scores = await h.db.selectFrom('account_scores').selectAll().execute()
    const byId = new Map(sf.records('Account').map((a) => [a.Id, a]))
    // The expansion pipeline, counted from the org itself: open Upsells × their Probability.
    const upsells = new Map<string, number>()
    for (const o of sf.records('Opportunity'))
      if (o.Type === 'Upsell' && o.IsClosed === false && o.IsDeleted === false)
        upsells.set(
          String(o.AccountId),
          (upsells.get(String(o.AccountId)) ?? 0) +
            (Number(o.Amount) * Number(o.Probability)) / 100,
        )
    expect(upsells.size).toBeGreaterThan(0)
    for (const score of scores) {
      const account = byId.get(score.source_id)!
      expect(account.CS360_Health_Score__c).toBe(Number(score.health_score))
      expect(account.CS360_Health_Band__c).toBe(score.health_band)
      expect(account.CS360_ARR__c).toBe(Number(score.arr))
      expect(account.CS360_Next_Renewal__c).toBe(score.next_renewal_date)
      // Every other output lands on its own field, from the same score row.
      expect(account.CS360_Health_Status__c).toBe(score.health_status)
      expect(account.CS360_Segment__c).toBe(score.segment_tier)
      expect(account.CS360_Lifecycle_Stage__c).toBe(score.lifecycle_stage)
      expect(account.CS360_Renewal_Forecast__c).toBe(Number(score.renewal_forecast_arr))
      expect(account.CS360_Renewal_Risk__c).toBe(score.renewal_at_risk ? 'At risk' : 'On track')
      expect(account.CS360_Expansion_Pipeline__c).toBeCloseTo(upsells.get(score.source_id) ?? 0, 2)
      expect(account.CS360_Config_Version__c).toBe(score.config_version)
      expect(account.CS360_Health_Drivers__c ?? '').toBe(
        (score.drivers as string[]).join('; ').slice(0, 255),
      )
    }
    const truth = new Map(customers.map((a) => [a.crmId, a]))
    for (const score of scores) expect(Number(score.arr)).toBe(truth.get(score.source_id)!.arr)
    // Former customers carry no score.
    const churned = h.dataset.groundTruth!.accounts.filter((a) => a.churned)
    for (const account of churned) expect(byId.get(account.crmId)!.CS360_Health_Score__c).toBeNull()
    // Health separates the accounts that will churn from those that will expand.
    const mean = (trajectory: string) => {
      const values = scores
        .filter((s) => truth.get(s.source_id)!.trajectory === trajectory)
        .map((s) => Number(s.health_score))
      return values.reduce((a, b) => a + b, 0) / values.length
    }
    expect(mean('churn')).toBeLessThan(mean('expand') - 20)
    // Plays: raised for scored customers only, each for the account's owner, due from today on.
    expect(result.plays.open).toBeGreaterThan(0)
    expect(result.plays.raised).toBe(result.plays.open)
    const plays = await h.db.selectFrom('plays').selectAll().where('status', '=', 'open').execute()
    expect(plays).toHaveLength(result.plays.open)
    const scoredIds = new Set(scores.map((s) => s.source_id))
    for (const play of plays) {
      expect(scoredIds.has(play.account_id)).toBe(true)
      expect(play.owner_id).toBe(byId.get(play.account_id)!.OwnerId)
      expect(play.due_date >= AS_OF).toBe(true)
    }
    // Writes go in batches of 200: ceil(customers / 200) collection calls.
    expect(sf.calls.writes().length).toBe(Math.ceil(customers.length / 200))
  })

  it('resolves each customer’s support, billing and usage records to it, and reports the traps', async () => {
    const links = await h.db.selectFrom('account_links').selectAll().execute()
    const link = (source: string, id: string | number | undefined) =>
      links.find((l) => l.source === source && l.source_id === String(id))
    const traps = new Set<string>()
    for (const account of h.dataset.groundTruth!.accounts) {
      const expected = account.identity!.expected
      if (account.identity!.trap) traps.add(account.identity!.trap)
      const records = [
        ['zendesk', account.links!.zendeskOrganizationId, expected.zendesk],
        ['stripe', account.links!.stripeCustomerId, expected.stripe],
        ['amplitude', account.links!.amplitudeGroup, expected.amplitude],
      ] as const
      for (const [source, id, outcome] of records) {
        const found = link(source, id)
        // Former customers have no recent usage, so no analytics account to link.
        if (source === 'amplitude' && !found) continue
        expect(found, `${source} ${id} of ${account.name}`).toBeDefined()
        expect(found!.status, `${source} ${id} of ${account.name}`).toBe(outcome)
        if (outcome === 'matched') expect(found!.crm_account_id).toBe(account.crmId)
      }
    }
    expect([...traps].sort()).toEqual([
      'free-mail-billing',
      'near-miss-domain',
      'no-shared-id',
      'parent-domain',
    ])
    // Nothing is ever linked to the wrong customer.
    const truth = new Map(h.dataset.groundTruth!.accounts.map((a) => [a.crmId, a]))
    for (const l of links.filter((x) => x.status === 'matched'))
      expect(truth.has(l.crm_account_id!)).toBe(true)
  })

  it('writes nothing the second time when nothing changed at the source', async () => {
    const writesBefore = h.salesforce.calls.writes().length
    const openBefore = await h.db
      .selectFrom('plays')
      .select(['id', 'due_date'])
      .where('status', '=', 'open')
      .orderBy('id')
      .execute()
    const result = await sync()
    expect(result.written).toBe(0)
    // The same plays stay open, not raised again.
    expect(result.plays).toMatchObject({ raised: 0, closed: 0, open: openBefore.length })
    expect(
      await h.db
        .selectFrom('plays')
        .select(['id', 'due_date'])
        .where('status', '=', 'open')
        .orderBy('id')
        .execute(),
    ).toEqual(openBefore)
    expect(h.salesforce.calls.writes().length).toBe(writesBefore)
    // The only records read again are the accounts cs360 itself wrote (their SystemModstamp
    // moved); a third run reads nothing at all.
    const read = (r: SyncAllResult) =>
      Object.fromEntries(
        r.steps.filter((s) => s.step.startsWith('extract:')).map((s) => [s.step, s.recordsRead]),
      )
    const customers = h.dataset.groundTruth!.accounts.filter((a) => !a.churned).length
    const nothingElse = (r: SyncAllResult) =>
      Object.fromEntries(
        Object.keys(read(r))
          .filter((step) => !step.startsWith('extract:salesforce:'))
          .map((step) => [step, 0]),
      )
    expect(read(result)).toEqual({
      'extract:salesforce:User': 0,
      'extract:salesforce:Account': customers,
      'extract:salesforce:Opportunity': 0,
      ...nothingElse(result),
    })
    const third = await sync()
    expect(third.written).toBe(0)
    expect(read(third)).toEqual({
      'extract:salesforce:User': 0,
      'extract:salesforce:Account': 0,
      'extract:salesforce:Opportunity': 0,
      ...nothingElse(third),
    })
    expect(h.salesforce.calls.writes().length).toBe(writesBefore)
  })

  it('picks up a changed and a deleted account incrementally and writes only the change', async () => {
    const scores = await h.db
      .selectFrom('account_scores')
      .selectAll()
      .orderBy('health_score')
      .execute()
    const quiet = scores.find((s) => measureScore(s.health_components, 'touchRecency') === 20)!
    const removed = scores[scores.length - 1]!
    h.salesforce.update('Account', quiet.source_id, { LastActivityDate: AS_OF })
    h.salesforce.softDelete('Account', removed.source_id)
    h.salesforce.calls.reset()

    const result = await sync()
    const accountStep = result.steps.find((s) => s.step === 'extract:salesforce:Account')!
    expect(accountStep.recordsRead).toBe(2)
    expect(accountStep.recordsDeleted).toBe(1)
    expect(result.written).toBe(1)
    const writes = h.salesforce.calls.writes()
    expect(writes).toHaveLength(1)
    const after = await h.db
      .selectFrom('account_scores')
      .selectAll()
      .where('source_id', '=', quiet.source_id)
      .executeTakeFirstOrThrow()
    expect(Number(after.health_score)).toBeGreaterThan(Number(quiet.health_score))
    expect(
      h.salesforce.store.table('Account')!.records.get(quiet.source_id)!.CS360_Health_Score__c,
    ).toBe(Number(after.health_score))
    const deleted = await h.db
      .selectFrom('accounts')
      .select('deleted_at')
      .where('source_id', '=', removed.source_id)
      .executeTakeFirstOrThrow()
    expect(deleted.deleted_at).not.toBeNull()
    expect(
      await h.db
        .selectFrom('account_scores')
        .selectAll()
        .where('source_id', '=', removed.source_id)
        .executeTakeFirst(),
    ).toBeUndefined()
  })

  it('quarantines a malformed record with its reason and completes the run', async () => {
    const table = h.salesforce.store.table('Account')!
    const template = h.salesforce.records('Account')[0]!
    const badId = '0015g00000BADREC' + 'AA'
    table.records.set(badId, {
      ...template,
      Id: badId,
      Name: null,
      SystemModstamp: new Date().toISOString().replace('Z', '+0000'),
    })
    const result = await sync()
    expect(
      result.steps.find((s) => s.step === 'extract:salesforce:Account')!.recordsQuarantined,
    ).toBe(1)
    const quarantined = await h.db
      .selectFrom('quarantined_records')
      .selectAll()
      .where('source_id', '=', badId)
      .execute()
    expect(quarantined).toHaveLength(1)
    expect(quarantined[0]!.reason).toMatch(/^Name:/)
    expect(quarantined[0]!.record).toMatchObject({ Id: badId, Name: null })
  })

  it('keeps one rejection row per record and field, holds an unchanged value back, and fails a run the CRM mostly refused', async () => {
    // A customer whose score moves when the CRM logs an activity today.
    const scores = await h.db.selectFrom('account_scores').selectAll().execute()
    const quiet = scores.filter((s) => measureScore(s.health_components, 'touchRecency')! < 100)
    const account = { Id: quiet[quiet.length - 1]!.source_id }
    h.salesforce.update('Account', account.Id, { LastActivityDate: AS_OF })
    const rule = (_object: string, record: { Id: string }) =>
      record.Id === account.Id ? 'Health cannot change during a renewal freeze' : undefined
    h.salesforce.store.validationRules.push(rule)
    // Only this account changes in these runs: every write request is one for it.
    const sentTo = () => h.salesforce.calls.writes().length
    // The one record written was refused: most of the write-back failed, so the run fails
    // with the CRM's own code and message.
    await expect(sync()).rejects.toThrow()
    const failed = await h.db
      .selectFrom('sync_runs')
      .selectAll()
      .orderBy('started_at', 'desc')
      .executeTakeFirstOrThrow()
    expect(failed.status).toBe('failed')
    expect(failed.error).toContain(
      'FIELD_CUSTOM_VALIDATION_EXCEPTION: Health cannot change during a renewal freeze',
    )
    const rows = () =>
      h.db
        .selectFrom('write_rejections')
        .selectAll()
        .where('record_id', '=', account.Id)
        .orderBy('field')
        .execute()
    const first = await rows()
    expect(first.length).toBeGreaterThan(0)
    expect(first.every((r) => r.attempts === 1)).toBe(true)
    expect(first[0]!.first_error).toBe(
      'FIELD_CUSTOM_VALIDATION_EXCEPTION: Health cannot change during a renewal freeze',
    )
    // The next run does not send the same refused value again while it is held back.
    const sentBefore = sentTo()
    const held = await sync()
    expect(held.writeFailures).toBe(0)
    expect(sentTo()).toBe(sentBefore)
    expect((await rows()).map((r) => r.attempts)).toEqual(first.map(() => 1))
    // Once its backoff is over it is sent again; still refused, it stays one row per field.
    await h.db
      .updateTable('write_rejections')
      .set({ retry_after: new Date(0) })
      .execute()
    await expect(sync()).rejects.toThrow()
    expect(sentTo()).toBe(sentBefore + 1)
    const again = await rows()
    expect(again.map((r) => r.field)).toEqual(first.map((r) => r.field))
    expect(again.every((r) => r.attempts === 2)).toBe(true)
    // The rule lifted, the value goes through and the rejection is gone.
    h.salesforce.store.validationRules.length = 0
    await h.db
      .updateTable('write_rejections')
      .set({ retry_after: new Date(0) })
      .execute()
    const retried = await sync()
    expect(retried.written).toBe(1)
    expect(await rows()).toEqual([])
    const score = await h.db
      .selectFrom('account_scores')
      .select('health_score')
      .where('source_id', '=', account.Id)
      .executeTakeFirstOrThrow()
    expect(
      h.salesforce.store.table('Account')!.records.get(account.Id)!.CS360_Health_Score__c,
    ).toBe(Number(score.health_score))
  })

  it('rides through an expired session and a burst of 503s', async () => {
    const account = h.salesforce.records('Account')[5]!
    h.salesforce.update('Account', account.Id, { LastActivityDate: AS_OF })
    h.salesforce.faults.expireTokens()
    h.salesforce.faults.failNext(503, 3)
    h.salesforce.calls.reset()
    const result = await sync()
    const statuses = h.salesforce.calls.calls.map((c) => c.status)
    expect(statuses).toContain(401)
    expect(statuses.filter((s) => s === 503)).toHaveLength(3)
    expect(
      result.steps.find((s) => s.step === 'extract:salesforce:Account')!.recordsRead,
    ).toBeGreaterThanOrEqual(1)
  })

  it('replays its own history deterministically', async () => {
    const history = await h.client.workflow
      .getHandle(`sync-all:e2e:${h.target.taskQueue}:1`)
      .fetchHistory()
    await Worker.runReplayHistory({ workflowBundle: await workflowBundle() }, history)
  })

  it('keeps secrets out of Temporal history', async () => {
    const history = await h.client.workflow
      .getHandle(`sync-all:e2e:${h.target.taskQueue}:1`)
      .fetchHistory()
    expect(JSON.stringify(history)).not.toContain(h.env.SALESFORCE_CLIENT_SECRET)
    expect(JSON.stringify(history)).not.toContain(
      Buffer.from(h.env.SALESFORCE_CLIENT_SECRET!).toString('base64'),
    )
  })
})

/** The score of one measure of a stored health breakdown (e.g. the CRM touch recency). */
function measureScore(components: unknown, measure: string): number | undefined {
  for (const c of components as { measures: { name: string; score: number }[] }[]) {
    const found = c.measures.find((m) => m.name === measure)
    if (found) return found.score
  }
  return undefined
}
