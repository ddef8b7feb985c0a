import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Secret } from '../../src/config/secret.js'
import { generateDataset } from '../../src/sandbox/dataset/generate.js'
import { AS_OF, createHarness, type Harness } from '../support/harness.js'
import { cliSync, duplicateWrites } from './support/api-fault-run.js'
import { recordFaultOutcome } from './support/outcomes.js'

/** Every credential the config resolved, by its variable name. */
function configuredSecrets(value: unknown, found = new Map<string, string>()): Map<string, string> {
  if (value instanceof Secret) found.set(value.envName, value.reveal())
  else if (value && typeof value === 'object')
    for (const inner of Object.values(value)) configuredSecrets(inner, found)
  return found
}

/** A secret as it may leak: as is, base64 (Basic auth, payloads), URL-encoded. */
const leakForms = (value: string) => [
  value,
  Buffer.from(value).toString('base64'),
  encodeURIComponent(value),
]

/** Every row of every table in the database, as JSON text. */
async function databaseText(h: Harness): Promise<string> {
  const tables = await sql<{ table_name: string }>`
    select table_name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE'`.execute(h.db)
  const texts: string[] = []
  for (const { table_name } of tables.rows) {
    const rows = await sql<{ row: string }>`
      select row_to_json(t)::text as row from ${sql.table(table_name)} t`.execute(h.db)
    texts.push(...rows.rows.map((r) => r.row))
  }
  return texts.join('\n')
}

/** The run's Temporal history as JSON, with every payload decoded to its text. */
async function historyText(h: Harness): Promise<string> {
  const [run] = await h.db.selectFrom('sync_runs').select('workflow_id').execute()
  const history = await h.client.workflow.getHandle(run!.workflow_id).fetchHistory()
  // Payloads serialize as base64 `data`: keep that and add the decoded text.
  const raw = JSON.stringify(history)
  const decoded = JSON.stringify(history, (key, value: unknown) =>
    key === 'data' && typeof value === 'string' ? Buffer.from(value, 'base64').toString() : value,
  )
  return `${raw}\n${decoded}`
}

describe('secrets after a full run with every connector', () => {
  const harnesses: Harness[] = []
  beforeAll(async () => {
    for (const crm of ['salesforce', 'hubspot'] as const)
      harnesses.push(
        await createHarness(`faults_api_secrets_${crm}`, {
          crm,
          dataset: generateDataset({ accounts: 40, seed: 24, asOf: AS_OF, crm }),
        }),
      )
  })
  afterAll(async () => {
    for (const h of harnesses) await h.close()
  })

  it('no configured secret in the logs, the database or the Temporal history', async () => {
    const leaks: string[] = []
    let secrets = 0
    let lost = 0
    let duplicated = 0
    for (const h of harnesses) {
      const run = await cliSync(h, { verbose: true, env: { CS360_LOG_LEVEL: 'debug' } })
      expect(run.code, run.stderr).toBe(0)
      const places = {
        logs: run.stdout + run.stderr,
        database: await databaseText(h),
        history: await historyText(h),
      }
      // Each place really holds the run: its log lines, the accounts, the activities' payloads.
      const someAccount = h.dataset.groundTruth!.accounts[0]!.crmId
      expect(places.logs).toContain('"message":"run succeeded"')
      expect(places.database).toContain(someAccount)
      expect(places.history).toContain('extractStream')
      expect(places.history).toContain('recordsRead')
      const configured = configuredSecrets(h.config)
      expect(configured.size).toBeGreaterThanOrEqual(4)
      secrets += configured.size
      for (const [name, value] of configured)
        for (const [place, text] of Object.entries(places))
          for (const form of leakForms(value))
            if (text.includes(form)) leaks.push(`${h.name}: ${name} in ${place}`)
      const accounts = await h.db.selectFrom('accounts').select('source_id').execute()
      const held = new Set(accounts.map((a) => a.source_id))
      lost += h.dataset.groundTruth!.accounts.filter((a) => !held.has(a.crmId)).length
      duplicated += await duplicateWrites(h)
    }
    expect(leaks).toEqual([])
    expect(lost).toBe(0)
    expect(duplicated).toBe(0)
    recordFaultOutcome({
      fault: 'secrets scan (logs at debug, every table, Temporal history)',
      outcome: `${secrets} configured secrets, 0 found in 2 full runs (Salesforce, HubSpot)`,
      lost,
      duplicated,
    })
  })
})
