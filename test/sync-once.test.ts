import { writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  applySyncSchedule,
  SYNC_SCHEDULE_ID,
  toTemporalDuration,
} from '../src/temporal/schedule.js'
import { runCli } from './support/cli.js'
import { createHarness, type Harness, cliEnv } from './support/harness.js'

describe('cs360 sync --once', () => {
  let h: Harness
  beforeAll(async () => {
    h = await createHarness('sync_once', { accounts: 40, seed: 9 })
  })
  afterAll(() => h.close())

  it('runs one syncAll with an in-process worker and prints the summary', async () => {
    const path = join(tmpdir(), `cs360-sync-once-${h.target.taskQueue}.yaml`)
    await writeFile(path, h.configYaml)
    const result = await runCli(['--config', path, 'sync', '--once', '--as-of', '2026-11-22'], {
      env: {
        ...cliEnv(h),
      },
    })
    expect(result.code).toBe(0)
    const customers = h.dataset.groundTruth!.accounts.filter((a) => !a.churned).length
    expect(result.stdout).toContain(`accounts scored: ${customers}`)
    expect(result.stdout).toContain(`CRM fields written: ${customers} accounts updated, 0 rejected`)
    expect(result.stdout + result.stderr).not.toContain(h.env.SALESFORCE_CLIENT_SECRET)
    // The digest in plain words, each figure what the database holds.
    const all = h.dataset.groundTruth!.accounts.length
    expect(result.stdout).toContain(
      `  ${all} Salesforce accounts, ${customers} scored: ${all - customers} have no contract running on 2026-11-22`,
    )
    expect(result.stdout).toMatch(/ARR \$[\d.]+[kM]? by health:\n {4}Healthy /)
    const due = await sql<{ count: number; at_risk: number }>`
      select count(*)::int as count, (count(*) filter (where renewal_at_risk))::int as at_risk
      from account_scores
      where next_renewal_date between '2026-11-22'::date and '2026-11-22'::date + 90`.execute(h.db)
    const { count, at_risk } = due.rows[0]!
    expect(result.stdout).toMatch(
      count === 0
        ? /No renewals due in the next 90 days/
        : new RegExp(
            `${count} renewals? due in the next 90 days \\(to 2027-02-20\\), \\S+ ARR; ${at_risk === 0 ? 'none at risk' : `${at_risk} at risk`}`,
          ),
    )
    expect(result.stdout).toContain(`npx cs360 --config ${path} report run --open`)
    expect(result.stdout).toContain('psql "$DATABASE_URL" -c')
    const runs = await h.db.selectFrom('sync_runs').selectAll().execute()
    expect(runs).toMatchObject([{ status: 'succeeded', trigger: 'manual' }])
    expect(runs[0]!.finished_at).not.toBeNull()
  })

  it('stops at once with exit 2 and the fix when the credentials are wrong', async () => {
    const path = join(tmpdir(), `cs360-sync-once-bad-${h.target.taskQueue}.yaml`)
    await writeFile(path, h.configYaml)
    const result = await runCli(['--config', path, 'sync', '--once'], {
      env: {
        ...cliEnv(h),
        SALESFORCE_CLIENT_SECRET: 'wrong',
      },
    })
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(
      /^cs360: Salesforce, [^:]*: authentication failed .*Check connectors\.salesforce\.auth/m,
    )
    const failed = await h.db
      .selectFrom('sync_runs')
      .selectAll()
      .where('status', '=', 'failed')
      .execute()
    expect(failed).toHaveLength(1)
    expect(failed[0]!.error).toMatch(/authentication failed/)
  })

  it('keeps a Temporal schedule of syncAll at the configured interval', async () => {
    // `cs360 worker` (started by other tests) applies the schedule too: start from none.
    await h.client.schedule
      .getHandle(SYNC_SCHEDULE_ID)
      .delete()
      .catch(() => undefined)
    expect(await applySyncSchedule(h.client, h.target, '6h')).toBe('created')
    expect(await applySyncSchedule(h.client, h.target, '30m')).toBe('updated')
    const description = await h.client.schedule.getHandle(SYNC_SCHEDULE_ID).describe()
    expect(description.spec.intervals?.[0]?.every).toBe(30 * 60 * 1000)
    expect(description.action).toMatchObject({
      workflowType: 'syncAllWorkflow',
      taskQueue: h.target.taskQueue,
    })
    expect(toTemporalDuration('1d')).toBe('1 days')
    await h.client.schedule.getHandle(SYNC_SCHEDULE_ID).delete()
  })
})
