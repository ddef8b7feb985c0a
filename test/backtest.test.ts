import { writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { backtest } from '../src/cli/commands/backtest.js'
import { formatBacktest } from '../src/cli/backtest-report.js'
import { accountOutcomes } from '../src/db/backtest/outcomes.js'
import { runCli } from './support/cli.js'
import { AS_OF, createHarness, runSync, startWorker, type Harness } from './support/harness.js'

/**
 * The back-test over a generated company synced through the real pipeline: scores as of 180 days
 * before the dataset's day from the time-stamped data, set against what the CRM shows next.
 */
const PAST = '2026-05-26' // AS_OF minus 180 days
const DAY_MS = 86_400_000

describe('cs360 backtest', () => {
  let h: Harness
  let stopWorker: () => Promise<void>

  beforeAll(async () => {
    h = await createHarness('backtest', { accounts: 1000, seed: 42 })
    stopWorker = await startWorker(h)
    await runSync(h, 'backtest')
  }, 480_000)

  afterAll(async () => {
    await stopWorker?.()
    await h?.close()
  })

  it('separates the accounts that went on to churn with AUC ≥ 0.75 under the default config', async () => {
    const run = await backtest(h.db, {
      crm: 'salesforce',
      configs: [{ name: 'default', config: h.config }],
      asOf: PAST,
      until: AS_OF,
    })
    const { evaluation } = run.results[0]!
    expect(evaluation.outcomes.churned).toBeGreaterThan(8)
    expect(evaluation.aucChurn).toBeGreaterThanOrEqual(0.75)
    // Accounts scored below 60 churn more than those above: the bands a CSM filters on mean
    // something (per band, a handful of churners is too few to order every band).
    const churnRate = (bands: string[]) => {
      const rows = evaluation.byBand.filter((b) => bands.includes(b.band))
      const accounts = rows.reduce((s, b) => s + b.accounts, 0)
      return rows.reduce((s, b) => s + b.churned, 0) / accounts
    }
    expect(churnRate(['At-risk', 'Critical', 'Emergency'])).toBeGreaterThan(
      2 * churnRate(['Healthy', 'Stable']),
    )
    const text = formatBacktest(run)
    expect(text).toContain(`scored as of ${PAST}, outcomes to ${AS_OF} (180 days)`)
    expect(text).toMatch(/AUC, churn\s+0\.\d{3}/)
  })

  it('reads outcomes from the CRM contracts as the generator decided them', async () => {
    const outcomes = await accountOutcomes(h.db, 'salesforce', PAST, AS_OF)
    const truth = h.dataset.groundTruth!.accounts
    const leftInWindow = truth.filter(
      (a) => a.churnDate && a.churnDate > PAST && a.churnDate <= AS_OF,
    )
    expect(leftInWindow.length).toBeGreaterThan(8)
    for (const account of leftInWindow)
      expect(outcomes.get(account.crmId)?.outcome, account.crmId).toBe('churned')
    // Accounts still customers on the dataset's day did not churn; those gone before PAST were
    // not customers then.
    for (const account of truth.filter((a) => !a.churned))
      expect(outcomes.get(account.crmId)?.outcome).not.toBe('churned')
    for (const account of truth.filter((a) => a.churnDate && a.churnDate <= PAST))
      expect(outcomes.has(account.crmId)).toBe(false)
    // Renewals due: terms that ended inside the window, renewed the day after.
    const due = [...outcomes.values()].filter((o) => o.renewalDue)
    expect(due.length).toBeGreaterThan(50)
    expect(due.filter((o) => o.renewedArr === 0).length).toBe(leftInWindow.length)
  })

  it('sets config B beside A on the same data: a support-only score ranks churners worse', async () => {
    const supportOnly = {
      ...h.config,
      model: {
        ...h.config.model,
        health: {
          ...h.config.model.health,
          weights: { usage: 0, engagement: 0, relationship: 0, support: 100, growth: 0 },
        },
      },
    }
    const run = await backtest(h.db, {
      crm: 'salesforce',
      configs: [
        { name: 'A', config: h.config },
        { name: 'B', config: supportOnly },
      ],
      asOf: PAST,
      until: AS_OF,
    })
    const [a, b] = run.results.map((r) => r.evaluation)
    expect(a!.customers).toBe(b!.customers)
    expect(b!.aucChurn!).toBeLessThan(a!.aucChurn!)
    expect(
      formatBacktest(run)
        .split('\n')
        .find((l) => l.startsWith('AUC, churn ')),
    ).toMatch(/0\.\d{3}\s+0\.\d{3}$/)
  })

  it('stores nothing for the past day', async () => {
    const past = await h.db
      .selectFrom('account_score_history')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('day', '=', PAST)
      .executeTakeFirstOrThrow()
    expect(Number(past.n)).toBe(0)
  })

  it('runs from the command line, and refuses a day whose outcomes are not known yet', async () => {
    const configFile = join(tmpdir(), `cs360-backtest-${process.pid}.yaml`)
    await writeFile(configFile, h.configYaml)
    const env = { ...h.env, DATABASE_URL: h.databaseUrl }
    const ok = await runCli(['backtest', '--config', configFile, '--as-of', PAST, '--json'], {
      env,
      timeoutMs: 120_000,
    })
    expect(ok.stderr).toBe('')
    expect(ok.code).toBe(0)
    const json = JSON.parse(ok.stdout) as { asOf: string; until: string; results: unknown[] }
    expect(json).toMatchObject({ asOf: PAST, until: AS_OF })
    const today = new Date().toISOString().slice(0, 10)
    const tooLate = new Date(Date.parse(today) - 10 * DAY_MS).toISOString().slice(0, 10)
    const refused = await runCli(['backtest', '--config', configFile, '--as-of', tooLate], {
      env,
    })
    expect(refused.code).toBe(2)
    expect(refused.stderr).toContain('not known yet')
    const bad = await runCli(['backtest', '--config', configFile, '--as-of', '26/05/2026'], { env })
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain(
      "'--as-of <date>' argument '26/05/2026' is invalid. Expected a real day as YYYY-MM-DD",
    )
  })
})
