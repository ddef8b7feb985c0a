import { randomUUID } from 'node:crypto'
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CHART_IDS } from '../src/report/run/charts.js'
import { launchChromium } from './support/chromium.js'
import { runCli, type CliResult } from './support/cli.js'
import { canvasPixels, pngPixels, sectionRows } from './support/page-checks.js'
import { AS_OF, createHarness, type Harness, cliEnv } from './support/harness.js'

const HOSTILE_NAME = '<script>window.__cs360Injected = true</script> Evil & "Co"'

/**
 * `cs360 report run` over a sandbox company synced once through the CLI, with a record the
 * sync quarantines and an account (named like markup) whose write-back Salesforce refuses;
 * the page is opened in headless Chromium and its charts checked for drawn pixels.
 */
describe('cs360 report run', () => {
  let h: Harness
  let home: string
  let configPath: string
  let runId: string
  let report: CliResult
  let reportFile: string
  let browser: Browser
  let page: Page
  let refusedId: string
  const cli = (args: string[]) =>
    runCli(['--config', configPath, ...args], {
      env: {
        ...cliEnv(h),
        CS360_HOME: home,
      },
    })

  beforeAll(async () => {
    // First, so a machine without Chromium fails at once with the fix.
    browser = await launchChromium()
    h = await createHarness('report_run', { accounts: 40, seed: 8 })
    home = await mkdtemp(join(tmpdir(), 'cs360-report-run-'))
    configPath = join(home, 'cs360.yaml')
    await writeFile(configPath, h.configYaml)
    const customer = h.dataset.groundTruth!.accounts.find((a) => !a.churned)!
    refusedId = customer.crmId
    h.salesforce.update('Account', refusedId, { Name: HOSTILE_NAME })
    h.salesforce.store.validationRules.push((_object, record) =>
      record.Id === refusedId ? 'Health cannot change during a renewal freeze' : undefined,
    )
    const table = h.salesforce.store.table('Account')!
    const template = h.salesforce.records('Account')[0]!
    table.records.set('0015g00000BADRECAA', {
      ...template,
      Id: '0015g00000BADRECAA',
      Name: null,
      SystemModstamp: new Date().toISOString().replace('Z', '+0000'),
    })
    const sync = await cli(['sync', '--once', '--as-of', AS_OF])
    expect(sync.code, sync.stderr).toBe(0)
    runId = /sync run (\S+)/.exec(sync.stdout)![1]!
    report = await cli(['report', 'run'])
    reportFile = report.stdout.trim().split('\n')[0]!
    page = await browser.newPage({ viewport: { width: 1200, height: 900 } })
    await page.goto(pathToFileURL(reportFile).href)
    await page.waitForSelector('body[data-charts-drawn]', { timeout: 30_000 })
  })
  afterAll(async () => {
    await browser?.close()
    await h?.close()
    if (home) await rm(home, { recursive: true, force: true })
  })

  it('writes the latest run to <CS360_HOME>/reports/run-<id>.html and prints the path', async () => {
    expect(report.code, report.stderr).toBe(0)
    expect(reportFile).toBe(join(home, 'reports', `run-${runId}.html`))
    const html = await readFile(reportFile, 'utf8')
    expect(html).toContain(`cs360 sync run ${runId}`)
    // Self-contained: no script or stylesheet fetched from anywhere.
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=/i)
    expect(html).toContain('Released under the MIT License')
  })

  it('draws every chart, each with pixels of more than one colour', async () => {
    expect(await page.getAttribute('body', 'data-chart-error')).toBeNull()
    expect(await page.getAttribute('body', 'data-charts-drawn')).toBe(String(CHART_IDS.length))
    for (const id of CHART_IDS) {
      const drawn = await canvasPixels(page, `chart-${id}`)
      expect(drawn, id).not.toBeNull()
      expect(drawn!.width * drawn!.height, id).toBeGreaterThan(10_000)
      expect(drawn!.painted, id).toBeGreaterThan(500)
      expect(drawn!.colours, id).toBeGreaterThan(2)
    }
  })

  it('takes a screenshot that is neither tiny nor one flat colour', async () => {
    // CS360_REPORT_SCREENSHOT keeps it somewhere to look at.
    const file = process.env.CS360_REPORT_SCREENSHOT ?? join(home, 'report.png')
    await page.screenshot({ path: file, fullPage: true })
    expect((await stat(file)).size).toBeGreaterThan(50_000)
    // Decoded by the browser itself: how many distinct colours the PNG holds.
    const check = await browser.newPage()
    const colours = await pngPixels(check, await readFile(file))
    await check.close()
    expect(colours.width).toBe(1200)
    expect(colours.height).toBeGreaterThan(1500)
    expect(colours.colours).toBeGreaterThan(50)
  })

  it('shows an account name that looks like markup as text, never running it', async () => {
    expect(await page.evaluate('typeof window.__cs360Injected')).toBe('undefined')
    const html = await readFile(reportFile, 'utf8')
    expect(html).not.toContain('<script>window.__cs360Injected')
    const cells = await page.locator('td', { hasText: HOSTILE_NAME }).allTextContents()
    expect(cells).toEqual([HOSTILE_NAME])
  })

  it('shows the numbers the database holds: bands, steps, the refusal and the quarantined record', async () => {
    const bands = await h.db
      .selectFrom('account_scores')
      .select(['health_band', (eb) => eb.fn.countAll<string>().as('n')])
      .groupBy('health_band')
      .execute()
    const healthRows = await sectionRows(page, 'health')
    for (const b of bands)
      expect(healthRows.find((r) => r[0] === b.health_band)?.[2], b.health_band).toBe(
        Number(b.n).toLocaleString('en-US'),
      )
    const steps = await h.db
      .selectFrom('sync_run_steps')
      .selectAll()
      .where('run_id', '=', runId)
      .execute()
    const stepRows = await sectionRows(page, 'steps')
    expect(stepRows.map((r) => r[0]).sort()).toEqual(steps.map((s) => s.step).sort())
    const account = steps.find((s) => s.step === 'extract:salesforce:Account')!
    const apiRows = await sectionRows(page, 'api-calls')
    // Salesforce's query pages hold 2,000 records at most.
    expect(apiRows.find((r) => r[0] === 'extract:salesforce:Account')).toEqual([
      'extract:salesforce:Account',
      String(account.records_read),
      String(account.api_calls),
      String(Math.max(1, Math.ceil(account.records_read / 2000))),
      (Math.max(1, Math.ceil(account.records_read / 2000)) / account.api_calls).toFixed(2),
    ])
    const setAside = await sectionRows(page, 'set-aside')
    expect(
      setAside.some((r) => r[0] === 'salesforce' && r[1] === 'Account' && /^Name:/.test(r[2]!)),
    ).toBe(true)
    const refused = setAside.find((r) => r[2] === refusedId)!
    expect(refused[5]).toBe(
      'FIELD_CUSTOM_VALIDATION_EXCEPTION: Health cannot change during a renewal freeze',
    )
  })

  it('reports a run by id to the file named, and refuses an unknown or malformed id with exit 2', async () => {
    const out = join(home, 'named.html')
    const named = await cli(['report', 'run', '--run', runId, '--out', out])
    expect(named.code, named.stderr).toBe(0)
    expect(named.stdout.trim()).toBe(out)
    expect(await readFile(out, 'utf8')).toContain(`cs360 sync run ${runId}`)
    const unknown = randomUUID()
    const missing = await cli(['report', 'run', '--run', unknown])
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain(`no sync run ${unknown} on record`)
    const malformed = await cli(['report', 'run', '--run', 'yesterday'])
    expect(malformed.code).toBe(2)
    expect(malformed.stderr).toContain('Expected a sync run id')
  })

  it("reports an earlier run's health from the score history once a later run replaced its scores", async () => {
    const later = await cli(['sync', '--once', '--as-of', '2026-11-21'])
    expect(later.code, later.stderr).toBe(0)
    const out = join(home, 'earlier.html')
    const earlier = await cli(['report', 'run', '--run', runId, '--out', out])
    expect(earlier.code, earlier.stderr).toBe(0)
    const kept = await h.db
      .selectFrom('account_score_history')
      .select(['health_band', (eb) => eb.fn.countAll<string>().as('n')])
      .where('day', '=', AS_OF)
      .groupBy('health_band')
      .execute()
    const earlierPage = await browser.newPage()
    await earlierPage.goto(pathToFileURL(out).href)
    await earlierPage.waitForSelector('body[data-charts-drawn]')
    const rows = await sectionRows(earlierPage, 'health')
    expect(kept.length).toBeGreaterThan(0)
    for (const b of kept)
      expect(rows.find((r) => r[0] === b.health_band)?.slice(2), b.health_band).toEqual([
        Number(b.n).toLocaleString('en-US'),
        expect.stringMatching(/%$/),
        '—',
      ])
    expect(await earlierPage.textContent('body')).toContain('scores as of2026-11-22')
    expect(await earlierPage.textContent('#health + p')).toContain('from the score history')
    await earlierPage.close()
  })
})
