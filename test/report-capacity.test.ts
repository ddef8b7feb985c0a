import { writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseConfig } from '../src/config/load.js'
import { tierPlacementSql } from '../src/db/segments/tier-expression.js'
import type { SegmentSettings } from '../src/model/segments/settings.js'
import { tierOf } from '../src/model/segments/tier.js'
import { runCli, type CliResult } from './support/cli.js'
import { AS_OF, createHarness, type Harness, cliEnv } from './support/harness.js'

/** `cs360 report capacity` over a sandbox company synced once, checked against the database. */
describe('cs360 report capacity', () => {
  let h: Harness
  let configPath: string
  let settings: SegmentSettings
  let report: CliResult
  const cli = (args: string[]) =>
    runCli(['--config', configPath, ...args], {
      env: {
        ...cliEnv(h),
      },
    })

  beforeAll(async () => {
    h = await createHarness('report_capacity', { accounts: 60, seed: 23 })
    // Overrides a small customer up (strategic) and one industry's customers to low touch.
    const customers = h.dataset.groundTruth!.accounts.filter((a) => !a.churned)
    const strategic = customers.find((a) => a.arr < 15_000)!
    const industry = h.salesforce
      .records('Account')
      .find((a) => a.Id !== strategic.crmId && customers.some((c) => c.crmId === a.Id))!.Industry
    const yaml = `${h.configYaml}
model:
  segments:
    overrides:
      - { reason: strategic, tier: high-touch, accounts: [${strategic.crmId}] }
      - { reason: complexity, tier: low-touch, crmField: { field: industry, values: ['${String(industry)}'] } }
`
    const parsed = parseConfig(yaml, h.env)
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems))
    settings = parsed.config.model.segments
    configPath = join(tmpdir(), `cs360-report-capacity-${h.target.taskQueue}.yaml`)
    await writeFile(configPath, yaml)
    const sync = await cli(['sync', '--once', '--as-of', AS_OF])
    expect(sync.code, sync.stderr).toBe(0)
    report = await cli(['report', 'capacity'])
  })
  afterAll(() => h.close())

  /** The customer accounts as the database holds them after the sync. */
  const customerRows = () =>
    h.db
      .selectFrom('account_scores as s')
      .innerJoin('accounts as a', (j) =>
        j.onRef('a.source', '=', 's.source').onRef('a.source_id', '=', 's.source_id'),
      )
      .leftJoin('crm_users as u', (j) =>
        j.onRef('u.source', '=', 'a.source').onRef('u.source_id', '=', 'a.owner_source_id'),
      )
      .select(['a.source_id', 's.arr', 'a.account_type', 'a.industry', 'u.name as owner'])
      .where('s.source', '=', 'salesforce')
      .where('a.deleted_at', 'is', null)
      .where('s.arr', '>', '0')
      .execute()

  const lines = () => report.stdout.split('\n')
  const booksAt = () => lines().findIndex((l) => l.startsWith('books'))
  const amounts = (line: string) => {
    const m = /^ {2}(.+?)\s+(\d+) accounts\s+\$([\d,]+) ARR/.exec(line)
    return m
      ? { label: m[1]!, accounts: Number(m[2]), arr: Number(m[3]!.replaceAll(',', '')) }
      : null
  }

  it('totals the customer accounts and ARR the database holds, per tier as tierOf places them', async () => {
    expect(report.code, report.stderr).toBe(0)
    const rows = await customerRows()
    const truth = h.dataset.groundTruth!.accounts.filter((a) => !a.churned)
    expect(rows.length).toBe(truth.length)
    const tierRows = lines()
      .slice(1, booksAt())
      .flatMap((l) => amounts(l) ?? [])
    const total = tierRows.find((r) => r.label === 'total')!
    const arr = rows.reduce((s, r) => s + Number(r.arr), 0)
    expect(total).toEqual({ label: 'total', accounts: rows.length, arr: Math.round(arr) })
    expect(total.arr).toBe(Math.round(truth.reduce((s, a) => s + a.arr, 0)))
    const placed = rows.map((r) =>
      tierOf(
        {
          accountId: r.source_id,
          arr: Number(r.arr),
          accountType: r.account_type,
          industry: r.industry,
        },
        settings,
      ),
    )
    for (const tier of settings.tiers) {
      const of = rows.filter((_, i) => placed[i]!.tier === tier.id)
      expect(tierRows.find((r) => r.label === tier.id)).toEqual({
        label: tier.id,
        accounts: of.length,
        arr: Math.round(of.reduce((s, r) => s + Number(r.arr), 0)),
      })
    }
    const strategic = placed.filter((p) => p.overriddenBy === 'strategic').length
    const complexity = placed.filter((p) => p.overriddenBy === 'complexity').length
    expect(strategic).toBe(1)
    expect(complexity).toBeGreaterThan(0)
    expect(report.stdout).toContain(`placed by override: ${strategic} by strategic`)
  })

  it('tiers every account in SQL exactly as the pure tierOf does, ARR floors included', async () => {
    const scored = await h.db
      .selectFrom('account_scores as s')
      .innerJoin('accounts as a', (j) =>
        j.onRef('a.source', '=', 's.source').onRef('a.source_id', '=', 's.source_id'),
      )
      .select(['a.source_id as id', 's.arr', 'a.account_type', 'a.industry'])
      .execute()
    // The floors, on and a cent under: amounts the sandbox's accounts may never hit.
    const floors = settings.tiers
      .flatMap((t) => [t.minArr, t.minArr - 0.01])
      .filter((arr) => arr > 0)
      .map((arr, i) => ({ id: `edge-${i}`, arr: String(arr), account_type: null, industry: null }))
    const accounts = [...scored, ...floors]
    const placement = tierPlacementSql(settings, {
      accountId: sql.ref('t.id'),
      arr: sql.ref('t.arr'),
      accountType: sql.ref('t.account_type'),
      industry: sql.ref('t.industry'),
    })
    const values = accounts.map(
      (a) => sql`(${a.id}::text, ${a.arr}::numeric, ${a.account_type}::text, ${a.industry}::text)`,
    )
    const placed = await sql<{ id: string; tier: string; overridden_by: string | null }>`
      select t.id, ${placement.tier} as tier, ${placement.overriddenBy} as overridden_by
      from (values ${sql.join(values)}) as t(id, arr, account_type, industry)
    `.execute(h.db)
    expect(new Set(placed.rows.map((r) => r.tier)).size).toBe(settings.tiers.length)
    expect(placed.rows.length).toBe(accounts.length)
    const byId = new Map(accounts.map((a) => [a.id, a]))
    for (const r of placed.rows) {
      const a = byId.get(r.id)!
      expect({ id: r.id, tier: r.tier, overriddenBy: r.overridden_by }).toEqual({
        id: r.id,
        ...tierOf(
          {
            accountId: a.id,
            arr: Number(a.arr),
            accountType: a.account_type,
            industry: a.industry,
          },
          settings,
        ),
      })
    }
  })

  it("lists each owner's book with the accounts the database gives them, and today's CSMs", async () => {
    const rows = await customerRows()
    const byOwner = new Map<string, number>()
    for (const r of rows) byOwner.set(r.owner!, (byOwner.get(r.owner!) ?? 0) + 1)
    const books = lines()
      .slice(booksAt() + 1)
      .map(amounts)
      .filter((b) => b !== null)
    expect(new Map(books.map((b) => [b.label, b.accounts]))).toEqual(byOwner)
    expect(report.stdout).toContain(`headcount: ${byOwner.size} CSMs hold books today`)
  })

  it('refuses an unknown --crm with exit 2', async () => {
    const result = await cli(['report', 'capacity', '--crm', 'pipedrive'])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('--crm must be one of')
  })
})
