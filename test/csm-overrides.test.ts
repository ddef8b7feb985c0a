import { writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DisagreementReport } from '../src/cli/commands/report-disagreements.js'
import { csmDirection } from '../src/model/health/csm-view.js'
import type { HealthStatus } from '../src/model/health/bands.js'
import { runCli } from './support/cli.js'
import type { CrmUnderTest } from './support/crm-under-test.js'
import { crmsUnderTest } from './support/crms-under-test.js'
import { AS_OF, createHarness, runSync, startWorker, type Harness } from './support/harness.js'

const LATER = '2026-11-25'

/**
 * CSM overrides (issue 7), the same cases for every CRM of record: the CSM's own view of health,
 * typed into the CRM field csmHealthField names, lands beside the model's score and never in
 * it; `cs360 report disagreements` lists where people and model differ and which way; "since"
 * follows the value; and no write-back mapping may touch the field.
 */
describe.each(crmsUnderTest)('CSM health overrides with $id as the CRM of record', (spec) => {
  let h: Harness
  let crm: CrmUnderTest
  let stopWorker: () => Promise<void>
  let runs = 0

  const sync = (asOf = AS_OF) => runSync(h, `sync-all:csm:${(runs += 1)}`, { asOf })
  const scores = async () =>
    new Map(
      (await h.db.selectFrom('account_scores').selectAll().execute()).map((s) => [s.source_id, s]),
    )
  const cli = async (args: string[], configText = h.configYaml) => {
    const path = join(tmpdir(), `cs360-csm-${h.target.taskQueue}-${(runs += 1)}.yaml`)
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
  const report = async (...args: string[]) => {
    const result = await cli(['report', 'disagreements', '--json', ...args])
    expect(result.code, result.stderr).toBe(0)
    return JSON.parse(result.stdout) as DisagreementReport
  }

  /** The accounts the test types into, by role, with their model status before any typing. */
  let optimistic: { id: string; status: HealthStatus; score: string }
  let pessimistic: { id: string; status: HealthStatus; score: string }
  let agreeing: { id: string; status: HealthStatus; score: string }
  let junk: string

  beforeAll(async () => {
    h = await createHarness(`csm_${spec.id}`, { accounts: 80, seed: 31, ...spec.harness })
    crm = spec.adapter(h)
    stopWorker = await startWorker(h)
    await sync()
    const scored = [...(await scores()).values()].sort((a, b) => Number(b.arr) - Number(a.arr))
    const pick = (status: (s: HealthStatus) => boolean, taken: string[]) => {
      const s = scored.find(
        (r) => status(r.health_status as HealthStatus) && !taken.includes(r.source_id),
      )!
      return { id: s.source_id, status: s.health_status as HealthStatus, score: s.health_score }
    }
    optimistic = pick((s) => s !== 'Green', [])
    pessimistic = pick((s) => s !== 'Red', [optimistic.id])
    agreeing = pick(() => true, [optimistic.id, pessimistic.id])
    junk = scored.find(
      (s) => ![optimistic.id, pessimistic.id, agreeing.id].includes(s.source_id),
    )!.source_id
    const field = crm.config.csmField
    crm.setField(optimistic.id, field, 'green')
    crm.setField(pessimistic.id, field, 'Emergency')
    // The model's own score, typed as a number: the same status.
    crm.setField(agreeing.id, field, agreeing.score)
    crm.setField(junk, field, 'banana split')
  })

  afterAll(async () => {
    await stopWorker()
    await h.close()
  })

  it("lands what CSMs typed beside the model's score, which the typing leaves untouched", async () => {
    const before = await scores()
    const result = await sync()
    const after = await scores()
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort())
    for (const [id, was] of before) {
      const now = after.get(id)!
      // The model's score, band, status, components and drivers are exactly what they were.
      expect(
        [now.health_score, now.health_band, now.health_status, now.health_components, now.drivers],
        id,
      ).toEqual([
        was.health_score,
        was.health_band,
        was.health_status,
        was.health_components,
        was.drivers,
      ])
      // The CSM's value as the CRM holds it now, generated ones included.
      const typed = crm.value(id, crm.config.csmField)
      expect(now.csm_health_raw, id).toBe(typed === null ? null : String(typed).trim())
    }
    expect(after.get(optimistic.id)).toMatchObject({
      csm_health_raw: 'green',
      csm_health_status: 'Green',
      csm_health_band: null,
      csm_health_since: AS_OF,
    })
    expect(after.get(pessimistic.id)).toMatchObject({
      csm_health_status: 'Red',
      csm_health_band: 'Emergency',
    })
    expect(after.get(agreeing.id)).toMatchObject({
      csm_health_raw: agreeing.score,
      csm_health_status: agreeing.status,
    })
    // The generated CSMs kept views on a good share of the customers, in every format.
    const viewed = [...after.values()].filter((s) => s.csm_health_status !== null)
    expect(viewed.length).toBeGreaterThan(after.size / 3)
    expect(viewed.some((s) => /^\d/.test(s.csm_health_raw!))).toBe(true)
    expect(viewed.some((s) => s.csm_health_band !== null && /[a-z]/.test(s.csm_health_raw!))).toBe(
      true,
    )
    // The history keeps the day's CSM view beside the day's score.
    const history = await h.db
      .selectFrom('account_score_history')
      .selectAll()
      .where('source_id', '=', optimistic.id)
      .where('day', '=', AS_OF)
      .executeTakeFirstOrThrow()
    expect(history).toMatchObject({
      health_status: optimistic.status,
      csm_health_raw: 'green',
      csm_health_status: 'Green',
      csm_health_since: AS_OF,
    })
    // Only the value typed since the last run is new junk; the generated junk was set aside then.
    expect(result.steps.find((s) => s.step === `compute:${crm.id}`)?.recordsQuarantined).toBe(1)
  })

  it('quarantines a value that reads as nothing once, naming the account and the value, and goes on', async () => {
    const quarantined = () =>
      h.db
        .selectFrom('quarantined_records')
        .selectAll()
        .where('stream', '=', 'csm-health')
        .where('source_id', '=', junk)
        .execute()
    const rows = await quarantined()
    expect(rows).toHaveLength(1)
    const name = (
      await h.db
        .selectFrom('accounts')
        .select('name')
        .where('source_id', '=', junk)
        .executeTakeFirstOrThrow()
    ).name
    expect(rows[0]!.reason).toContain(`account ${junk} (${name})`)
    expect(rows[0]!.reason).toContain('"banana split" is neither a status')
    expect(rows[0]!.record).toEqual({ field: crm.config.csmField, value: 'banana split' })
    const stored = (await scores()).get(junk)!
    expect(stored).toMatchObject({ csm_health_raw: 'banana split', csm_health_status: null })
    // Scored all the same; the next run does not quarantine the same value again.
    await sync()
    expect(await quarantined()).toHaveLength(1)
  })

  it('reports where the CSM and the model differ, which way, most ARR first, with the counts', async () => {
    const r = await report()
    const all = [...(await scores()).values()]
    const standingOf = (s: (typeof all)[number]) =>
      s.csm_health_status === null
        ? 'no-csm-view'
        : csmDirection(s.health_status as HealthStatus, s.csm_health_status as HealthStatus)
    const expected = {
      agree: 0,
      'csm-more-optimistic': 0,
      'csm-more-pessimistic': 0,
      'no-csm-view': 0,
    }
    for (const s of all) expected[standingOf(s)] += 1
    expect(r.summary.overall).toMatchObject(expected)
    expect(r.summary.overall.unreadable).toBeGreaterThanOrEqual(1)
    expect(r.crm).toBe(crm.id)
    const listed = new Map(r.disagreements.map((d) => [d.accountId, d]))
    expect(listed.get(optimistic.id)).toMatchObject({
      standing: 'csm-more-optimistic',
      modelStatus: optimistic.status,
      csmStatus: 'Green',
      csmValue: 'green',
      since: AS_OF,
    })
    expect(listed.get(pessimistic.id)).toMatchObject({
      standing: 'csm-more-pessimistic',
      csmStatus: 'Red',
    })
    expect(listed.has(agreeing.id)).toBe(false)
    expect(listed.has(junk)).toBe(false)
    expect(r.disagreements.length).toBe(
      expected['csm-more-optimistic'] + expected['csm-more-pessimistic'],
    )
    const arrs = r.disagreements.map((d) => d.arr)
    expect(arrs).toEqual([...arrs].sort((a, b) => b - a))
    expect(r.disagreements.find((d) => d.drivers.length > 0)).toBeDefined()
    // Per CSM, the counts add up to the overall ones.
    const perCsm = r.summary.byCsm.reduce((sum, b) => sum + b.counts['csm-more-optimistic'], 0)
    expect(perCsm).toBe(expected['csm-more-optimistic'])
    // One CSM's book only.
    const owner = listed.get(optimistic.id)!.csm!
    const mine = await report('--csm', owner.name.toUpperCase())
    expect(mine.disagreements.length).toBeGreaterThan(0)
    expect(mine.disagreements.every((d) => d.csm?.id === owner.id)).toBe(true)
    expect(mine.summary.byCsm.map((b) => b.csm?.id)).toEqual([owner.id])
    // The text report a CSM lead reads.
    const text = await cli(['report', 'disagreements'])
    expect(text.code, text.stderr).toBe(0)
    expect(text.stdout).toContain(
      `overall: agree ${expected.agree}, CSM more optimistic ${expected['csm-more-optimistic']}, CSM more pessimistic ${expected['csm-more-pessimistic']}, no CSM view ${expected['no-csm-view']}`,
    )
    expect(text.stdout).toMatch(
      new RegExp(
        `\\(${optimistic.id}\\).* CSM Green \\("green"\\) since ${AS_OF}  CSM more optimistic`,
      ),
    )
    const nobody = await cli(['report', 'disagreements', '--csm', 'Nobody Atall'])
    expect(nobody.code).toBe(2)
    expect(nobody.stderr).toContain('no user of')
  })

  it('moves "since" to the day a changed value is first seen, and keeps it for an unchanged one', async () => {
    crm.setField(optimistic.id, crm.config.csmField, 'Yellow')
    await sync(LATER)
    const after = await scores()
    expect(after.get(optimistic.id)).toMatchObject({
      csm_health_raw: 'Yellow',
      csm_health_status: 'Yellow',
      csm_health_since: LATER,
    })
    expect(after.get(pessimistic.id)!.csm_health_since).toBe(AS_OF)
    const untouched = [...after.values()].filter(
      (s) => s.csm_health_raw !== null && ![optimistic.id].includes(s.source_id),
    )
    expect(untouched.length).toBeGreaterThan(3)
    for (const s of untouched) expect(s.csm_health_since, s.source_id).toBe(AS_OF)
    const history = await h.db
      .selectFrom('account_score_history')
      .select(['day', 'csm_health_raw', 'csm_health_since'])
      .where('source_id', '=', optimistic.id)
      .orderBy('day')
      .execute()
    expect(history).toEqual([
      { day: AS_OF, csm_health_raw: 'green', csm_health_since: AS_OF },
      { day: LATER, csm_health_raw: 'Yellow', csm_health_since: LATER },
    ])
  })

  it('refuses, in check and before any write, a write-back mapping onto the CSM field', async () => {
    const { csmField, mapped } = crm.config
    const onto = h.configYaml.replace(`healthBand: ${mapped.healthBand}`, `healthBand: ${csmField}`)
    expect(onto).not.toBe(h.configYaml)
    const check = await cli(['check'], onto)
    expect(check.code).toBe(2)
    expect(check.stderr).toMatch(
      new RegExp(
        `writeBack\\.fields\\.healthBand.*${csmField} is csmHealthField.*never overwrites a person's judgement`,
      ),
    )
    const before = crm.writeRequests()
    const synced = await cli(['sync', '--once', '--as-of', AS_OF], onto)
    expect(synced.code).toBe(2)
    expect(crm.writeRequests()).toBe(before)
  })

  it('checks that the CSM field exists and can be read', async () => {
    const ok = await cli(['check'])
    expect(ok.code, ok.stderr).toBe(0)
    const missing = h.configYaml.replace(
      `csmHealthField: ${crm.config.csmField}`,
      `csmHealthField: ${crm.config.missingField}`,
    )
    expect(missing).not.toBe(h.configYaml)
    const check = await cli(['check'], missing)
    expect(check.code).toBe(2)
    expect(check.stderr).toContain(
      `connectors.${crm.id}.csmHealthField: ${crm.id === 'salesforce' ? 'Account' : 'companies'}.${crm.config.missingField} does not exist or the integration user cannot read it`,
    )
  })

  it('reads every account again when the field is named after a first sync', async () => {
    const withoutField = h.configYaml.replace(`    csmHealthField: ${crm.config.csmField}\n`, '')
    expect(withoutField).not.toBe(h.configYaml)
    const viewed = async () =>
      (
        await h.db
          .selectFrom('accounts')
          .select('source_id')
          .where('source', '=', crm.id)
          .where('csm_health', 'is not', null)
          .execute()
      ).length
    const unnamed = await cli(['sync', '--once', '--as-of', LATER], withoutField)
    expect(unnamed.code, unnamed.stderr).toBe(0)
    expect(await viewed()).toBe(0)
    expect(
      (await h.db.selectFrom('account_scores').select('csm_health_raw').execute()).every(
        (s) => s.csm_health_raw === null,
      ),
    ).toBe(true)
    // Named again: no account changed in the CRM, yet every typed value lands.
    const named = await cli(['sync', '--once', '--as-of', LATER])
    expect(named.code, named.stderr).toBe(0)
    const typed = crm
      .accountIds()
      .filter((id) => crm.value(id, crm.config.csmField) !== null).length
    expect(typed).toBeGreaterThan(10)
    expect(await viewed()).toBe(typed)
  })
})
