import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, inject, it } from 'vitest'
import { runCli } from './support/cli.js'

describe('cs360 demo', () => {
  it('runs one full sync against a generated company and prints the summary and where to look', async () => {
    const home = await mkdtemp(join(tmpdir(), 'cs360-demo-'))
    const result = await runCli(['demo', '--accounts', '80', '--seed', '3'], {
      env: {
        CS360_HOME: home,
        DATABASE_URL: inject('databaseServerUrl'),
        TEMPORAL_ADDRESS: inject('temporalAddress'),
        TEMPORAL_TASK_QUEUE: `cs360-demo-test-${process.pid}`,
      },
      timeoutMs: 180_000,
    })
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    const scored = Number(/accounts scored: (\d+)/.exec(result.stdout)?.[1])
    expect(scored).toBeGreaterThan(60)
    expect(result.stdout).toContain(`CRM fields written: ${scored} accounts updated, 0 rejected`)
    expect(result.stdout).toContain(
      `Salesforce accounts now carrying CS360_Health_Score__c: ${scored}`,
    )
    expect(result.stdout).toMatch(/health distribution:\n\s+Healthy/)
    expect(result.stdout).toMatch(/plays: \d+ open \(\d+ raised this run/)
    expect(result.stdout).toMatch(
      /retention, trailing 12 months to \d{4}-\d{2}: NRR \d+\.\d%, GRR \d+\.\d%, logo retention \d+\.\d%/,
    )
    expect(result.stdout).toMatch(
      /renewal forecast:\n {2}\d{4} Q\d {2}\d+ renewals, \$[\d,]+ due, forecast \$/,
    )
    // Health by band (accounts, ARR), then segment tier × band.
    expect(result.stdout).toMatch(
      /health by band: +accounts +ARR +ARR share\n {2}Healthy +\d+ +\$[\d,]+ +\d+%\n {2}Stable /,
    )
    const byBand = /health by band:.*\n((?: {2}.*\n){5})/.exec(result.stdout)![1]!
    const bandAccounts = [...byBand.matchAll(/^ {2}\S+ +(\d+) /gm)].map((m) => Number(m[1]))
    expect(bandAccounts.reduce((a, b) => a + b, 0)).toBe(scored)
    expect(result.stdout).toMatch(
      /health by segment tier × band \(accounts \/ ARR\):\n +Healthy +Stable +At-risk +Critical +Emergency\n {2}high-touch +(\d+ \/ \$[\d.]+[kM]?|—)/,
    )
    // The expansion pipeline of the same two quarters; the sandbox's expanders have upsells open.
    const pipeline =
      /expansion pipeline \(open upsells by expected close, weighted by stage\):\n((?: {2}\d{4} Q\d {2}.*\n){2})/.exec(
        result.stdout,
      )
    expect(pipeline).not.toBeNull()
    const quarters = [
      ...pipeline![1]!.matchAll(
        /(\d+) opportunit(?:y|ies), \$([\d,]+) pipeline, weighted \$([\d,]+)/g,
      ),
    ].map((m) => m.slice(1).map((n) => Number(n.replaceAll(',', ''))))
    expect(quarters).toHaveLength(2)
    expect(quarters.reduce((s, [n]) => s + n!, 0)).toBeGreaterThan(0)
    for (const [, total, weighted] of quarters) expect(weighted!).toBeLessThanOrEqual(total!)
    expect(result.stdout).toMatch(/the three most urgent plays:\n {2}\[(urgent|high|medium|low)\] /)
    // The generated CSMs keep their own views, rosier than the model's more often than not.
    const views =
      /against the model: agree (\d+), CSM more optimistic (\d+), CSM more pessimistic (\d+), no CSM view (\d+)/.exec(
        result.stdout,
      )
    expect(views, result.stdout).not.toBeNull()
    const [agree, optimistic, pessimistic] = views!.slice(1).map(Number)
    expect(agree! + optimistic! + pessimistic!).toBeGreaterThan(scored / 3)
    expect(optimistic!).toBeGreaterThan(pessimistic!)
    expect(result.stdout).toContain('report disagreements')
    // Every system synced, each with its own lines, and how their records were linked.
    for (const step of [
      'extract:salesforce:Account',
      'extract:zendesk:tickets',
      'extract:stripe:subscriptions',
      'extract:amplitude:usage',
    ])
      expect(result.stdout).toMatch(new RegExp(`${step}\\s+\\d+ read`))
    expect(result.stdout).toMatch(/identity: \d+ records linked to CRM accounts/)
    for (const source of ['zendesk', 'stripe', 'amplitude'])
      expect(result.stdout).toMatch(new RegExp(`  ${source}\\s+\\d+ linked \\(`))
    expect(result.stdout).toContain('Where to look next:')
    expect(result.stdout).toContain('npx cs360 report identity')
    expect(result.stdout).toContain("psql 'postgres://")
  })
})

describe('cs360 demo --crm hubspot', () => {
  it('provisions cs360’s properties, syncs every source and writes health onto the HubSpot companies', async () => {
    const home = await mkdtemp(join(tmpdir(), 'cs360-demo-hubspot-'))
    const result = await runCli(['demo', '--crm', 'hubspot', '--accounts', '60', '--seed', '5'], {
      env: {
        CS360_HOME: home,
        DATABASE_URL: inject('databaseServerUrl'),
        TEMPORAL_ADDRESS: inject('temporalAddress'),
        TEMPORAL_TASK_QUEUE: `cs360-demo-hubspot-test-${process.pid}`,
      },
      timeoutMs: 180_000,
    })
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('cs360 crm provision: 16 field(s) created on hubspot')
    const scored = Number(/accounts scored: (\d+)/.exec(result.stdout)?.[1])
    expect(scored).toBeGreaterThan(45)
    expect(result.stdout).toContain(`CRM fields written: ${scored} accounts updated, 0 rejected`)
    expect(result.stdout).toContain(`HubSpot companies now carrying cs360_health_score: ${scored}`)
    for (const step of [
      'extract:hubspot:companies',
      'extract:hubspot:deals',
      'extract:zendesk:tickets',
      'extract:stripe:subscriptions',
      'extract:amplitude:usage',
    ])
      expect(result.stdout).toMatch(new RegExp(`${step}\\s+\\d+ read`))
    expect(result.stdout).toMatch(/records of other systems linked to hubspot accounts:/)
  })
})
