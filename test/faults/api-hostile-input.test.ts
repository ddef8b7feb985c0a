import { writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateDataset } from '../../src/sandbox/dataset/generate.js'
import type { Dataset } from '../../src/sandbox/dataset/schema.js'
import { runCli } from '../support/cli.js'
import { AS_OF, createHarness, type Harness } from '../support/harness.js'
import {
  cliSync,
  duplicateWrites,
  evidence,
  lostAndDuplicated,
  syncWithWorker,
} from './support/api-fault-run.js'
import { recordFaultOutcome } from './support/outcomes.js'

const SQL_NAME = `'); drop table accounts;--`
const SQL_KEY = `x'); drop table account_links;--`
const SOQL_NAME = `Acme' OR Name != '`
const HUBSPOT_NAME = `"}],"filters":[{"propertyName":"name","operator":"HAS_PROPERTY"}]}`

/** The generated company with hostile names and identity keys on its first accounts. */
function hostileDataset(crm: 'salesforce' | 'hubspot'): Dataset {
  const dataset = generateDataset({ accounts: 40, seed: 23, asOf: AS_OF, crm })
  if (crm === 'salesforce') {
    const accounts = dataset.salesforce!.records.Account!
    accounts[0]!.Name = SQL_NAME
    accounts[1]!.Name = SOQL_NAME
  } else {
    const companies = dataset.hubspot!.companies
    companies[0]!.properties.name = HUBSPOT_NAME
    companies[1]!.properties.name = SQL_NAME
  }
  const organization = dataset.zendesk!.organizations[0]!
  organization.name = SQL_NAME
  organization.external_id = SQL_KEY
  return dataset
}

async function check(h: Harness, configYaml: string) {
  const path = join(tmpdir(), `cs360-hostile-${h.target.taskQueue}.yaml`)
  await writeFile(path, configYaml)
  return runCli(['--config', path, 'check'], { env: { ...h.env, DATABASE_URL: h.databaseUrl } })
}

describe('hostile input: injection through config and through records', () => {
  let salesforce: Harness
  let hubspot: Harness
  beforeAll(async () => {
    salesforce = await createHarness('faults_api_hostile_sf', {
      dataset: hostileDataset('salesforce'),
    })
    hubspot = await createHarness('faults_api_hostile_hs', {
      dataset: hostileDataset('hubspot'),
      crm: 'hubspot',
      only: ['hubspot', 'zendesk'],
    })
  })
  afterAll(async () => {
    await salesforce?.close()
    await hubspot?.close()
  })

  it('config field and property names crafted for SOQL or filter injection are refused', async () => {
    const soqlField = await check(
      salesforce,
      salesforce.configYaml.replace(
        'csmHealthField: CS360_CSM_Health__c',
        'csmHealthField: Name FROM Account--',
      ),
    )
    expect(soqlField.code).toBe(2)
    expect(soqlField.stderr).toMatch(/connectors\.salesforce\.csmHealthField/)
    const soqlWriteBack = await check(
      salesforce,
      salesforce.configYaml.replace(
        'healthScore: CS360_Health_Score__c',
        `healthScore: "Id FROM Account WHERE Name != ''--"`,
      ),
    )
    expect(soqlWriteBack.code).toBe(2)
    expect(soqlWriteBack.stderr).toMatch(/connectors\.salesforce\.writeBack\.fields\.healthScore/)
    const hubspotProperty = await check(
      hubspot,
      hubspot.configYaml.replace(
        'csmHealthField: cs360_csm_health',
        `csmHealthField: 'name","operator":"HAS_PROPERTY'`,
      ),
    )
    expect(hubspotProperty.code).toBe(2)
    expect(hubspotProperty.stderr).toMatch(/connectors\.hubspot\.csmHealthField/)
    // Refused before anything ran: no run, and no request reached a sandbox.
    expect(await salesforce.db.selectFrom('sync_runs').selectAll().execute()).toEqual([])
    expect(salesforce.salesforce.calls.count()).toBe(0)
    recordFaultOutcome({
      fault: 'SOQL/filter injection in config field names',
      outcome: 'refused by validation, exit 2 naming the key, nothing ran',
      lost: 0,
      duplicated: 0,
    })
  })

  it('a renewal type crafted for SOQL injection is a plain value: the same renewals as without it', async () => {
    const reference = await createHarness('faults_api_hostile_types_ref', {
      dataset: hostileDataset('salesforce'),
      only: ['salesforce'],
    })
    const typed = await createHarness('faults_api_hostile_types', {
      dataset: hostileDataset('salesforce'),
      only: ['salesforce'],
      configExtra: {
        salesforce: `    opportunities:\n      renewalTypes: [Renewal, "Renewal' OR Type != '"]\n`,
      },
    })
    try {
      await syncWithWorker(reference, 'reference')
      const result = await syncWithWorker(typed, 'hostile-types')
      const renewals = (h: Harness) =>
        h.db
          .selectFrom('opportunities')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('is_renewal', '=', true)
          .executeTakeFirstOrThrow()
      expect(await renewals(typed)).toEqual(await renewals(reference))
      const measured = lostAndDuplicated(await evidence(typed), await evidence(reference))
      expect(measured.lostByTable).toEqual({})
      expect(result.written).toBeGreaterThan(0)
      expect(measured.duplicated).toBe(0)
      recordFaultOutcome({
        fault: "SOQL injection in a renewal type (Renewal' OR Type != ')",
        outcome: 'taken as a value, same renewals as without it, run succeeded',
        lost: measured.lost,
        duplicated: measured.duplicated,
      })
    } finally {
      await reference.close()
      await typed.close()
    }
  })

  it('names and identity keys crafted for SQL, SOQL and HubSpot filter injection round-trip as text', async () => {
    for (const h of [salesforce, hubspot]) {
      const run = await cliSync(h)
      expect(run.code, run.stderr).toBe(0)
    }
    const names = async (h: Harness) =>
      (await h.db.selectFrom('accounts').select('name').execute()).map((r) => r.name)
    expect(await names(salesforce)).toEqual(expect.arrayContaining([SQL_NAME, SOQL_NAME]))
    expect(await names(hubspot)).toEqual(expect.arrayContaining([HUBSPOT_NAME, SQL_NAME]))
    for (const h of [salesforce, hubspot]) {
      const organization = await h.db
        .selectFrom('source_accounts')
        .selectAll()
        .where('source', '=', 'zendesk')
        .where('name', '=', SQL_NAME)
        .executeTakeFirstOrThrow()
      expect(JSON.stringify(organization)).toContain(JSON.stringify(SQL_KEY).slice(1, -1))
      // Every table is still there, with its rows.
      const tables = await sql<{ n: number }>`
        select count(*)::int as n from information_schema.tables
        where table_schema = 'public' and table_name in ('accounts', 'account_links')`.execute(h.db)
      expect(tables.rows[0]!.n).toBe(2)
      expect(await h.db.selectFrom('account_links').selectAll().execute()).not.toEqual([])
    }
    // The hostile accounts were written back like every other.
    const hostile = salesforce.dataset.salesforce!.records.Account![0]!.Id as string
    const written = await salesforce.db
      .selectFrom('written_values')
      .select('record_id')
      .where('record_id', '=', hostile)
      .execute()
    const scored = await salesforce.db
      .selectFrom('account_scores')
      .select('source_id')
      .where('source_id', '=', hostile)
      .execute()
    expect(written.length > 0).toBe(scored.length > 0)
    const total = (h: Harness) =>
      h.db
        .selectFrom('accounts')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    const lost =
      salesforce.dataset.salesforce!.records.Account!.length -
      Number((await total(salesforce)).n) +
      hubspot.dataset.hubspot!.companies.length -
      Number((await total(hubspot)).n)
    const duplicated = (await duplicateWrites(salesforce)) + (await duplicateWrites(hubspot))
    expect(lost).toBe(0)
    expect(duplicated).toBe(0)
    recordFaultOutcome({
      fault: 'SQL/SOQL/HubSpot-filter injection in record names and identity keys',
      outcome: 'stored as text, round-tripped, every table intact',
      lost,
      duplicated,
    })
  })
})
