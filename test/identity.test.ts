import type { Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { domainFromWebsite } from '../src/connectors/domain.js'
import { connectDatabase } from '../src/db/connect.js'
import type { Database, LinkEvidence } from '../src/db/database.js'
import { identityIssues } from '../src/db/identity/identity-report.js'
import { resolveAccountLinks } from '../src/db/identity/resolve-links.js'
import { migrateToLatest } from '../src/db/migrate.js'
import { formatIdentityReport } from '../src/cli/identity-report.js'
import { ignoredDomains } from '../src/model/identity-settings.js'
import { createDatabase } from './global-setup.js'

const NOW = '2026-11-20T00:00:00Z'

/** CRM accounts as the Salesforce connector lands them. */
const crmAccounts = [
  { id: 'A-acme', name: 'Acme Corporation', website: 'https://www.acme.com' },
  { id: 'A-globex', name: 'Globex', website: 'globex.com' },
  { id: 'A-globex-de', name: 'Globex Deutschland GmbH', website: 'https://globex.com/de' },
  { id: 'A-initech', name: 'Initech', website: 'http://INITECH.com:8080/' },
  { id: 'A-hooli', name: 'Hooli', website: 'hooli.io', externalIds: { stripe: 'cus_hooli' } },
  { id: 'A-umbrella', name: 'Umbrella Ltd', website: null },
  { id: 'A-wayne', name: 'Wayne Enterprises', website: 'wayne.example' },
  { id: 'A-wayne-2', name: 'WAYNE ENTERPRISES, INC.', website: 'wayne-ent.example' },
  { id: 'A-stark', name: 'Stark Industries', website: 'stark.example' },
  { id: 'A-tyrell', name: 'Tyrell', website: 'tyrell.example', deleted: true },
]

/** Records of the other systems, with their keys normalized as each connector maps them. */
const sourceRecords: {
  source: string
  id: string
  name: string | null
  websites?: string[]
  crmIds?: string[]
  deleted?: boolean
}[] = [
  // Explicit id on the record (Zendesk external_id), even though the domain says otherwise.
  {
    source: 'zendesk',
    id: 'z-acme',
    name: 'ACME',
    websites: ['stark.example'],
    crmIds: ['A-acme'],
  },
  // Explicit id on the CRM side (Account.Stripe_Customer_Id__c).
  { source: 'stripe', id: 'cus_hooli', name: 'Hooli billing', websites: [] },
  // The company whose records in four systems share no id: only the domain, written differently.
  { source: 'zendesk', id: 'z-initech', name: 'Initech Support', websites: ['INITECH.com'] },
  {
    source: 'stripe',
    id: 'cus_initech',
    name: null,
    websites: ['https://www.initech.com/billing'],
  },
  { source: 'amplitude', id: 'initech.com', name: null, websites: ['initech.com'] },
  // A parent company's domain on two CRM accounts: a conflict, never merged.
  { source: 'zendesk', id: 'z-globex', name: 'Globex group', websites: ['globex.com'] },
  // Free mail says nothing about the company: falls through to the name.
  { source: 'stripe', id: 'cus_umbrella', name: 'umbrella, ltd.', websites: ['gmail.com'] },
  // A reseller billing for a customer: its domain is configured as ignored; no name match.
  { source: 'stripe', id: 'cus_resold', name: 'Resold Co', websites: ['reseller.example'] },
  // Near misses: none of these is Acme or Initech.
  { source: 'zendesk', id: 'z-near-1', name: 'Acme Rockets', websites: ['acme.co'] },
  { source: 'zendesk', id: 'z-near-2', name: 'Initech Labs', websites: ['initech-labs.com'] },
  // Two CRM accounts with the same normalized name claim it: a conflict.
  { source: 'zendesk', id: 'z-wayne', name: 'Wayne Enterprises Inc', websites: [] },
  // Two CRM accounts claiming one record through explicit ids.
  { source: 'stripe', id: 'cus_shared', name: 'Shared', crmIds: ['A-wayne', 'A-stark'] },
  // Only a deleted CRM account would match: unmatched.
  { source: 'zendesk', id: 'z-tyrell', name: 'Tyrell', websites: ['tyrell.example'] },
  // A deleted source record is not resolved at all.
  { source: 'zendesk', id: 'z-gone', name: 'Acme', websites: ['acme.com'], deleted: true },
]

describe('identity resolution: one account per customer', () => {
  let db: Kysely<Database>

  beforeAll(async () => {
    db = connectDatabase(await createDatabase(inject('databaseServerUrl'), 'cs360_identity'))
    await migrateToLatest(db)
    await db
      .insertInto('accounts')
      .values(
        crmAccounts.map((a) => ({
          source: 'salesforce',
          source_id: a.id,
          name: a.name,
          domain: domainFromWebsite(a.website),
          external_ids: JSON.stringify(a.externalIds ?? {}),
          source_updated_at: NOW,
          deleted_at: a.deleted ? NOW : null,
        })),
      )
      .execute()
    await db
      .insertInto('source_accounts')
      .values(
        sourceRecords.map((r) => ({
          source: r.source,
          source_id: r.id,
          name: r.name,
          domains: (r.websites ?? []).flatMap((w) => domainFromWebsite(w) ?? []),
          crm_account_ids: r.crmIds ?? [],
          source_updated_at: NOW,
          deleted_at: r.deleted ? NOW : null,
        })),
      )
      .execute()
  })

  afterAll(async () => {
    await db.destroy()
  })

  const resolve = () =>
    resolveAccountLinks(db, 'salesforce', ignoredDomains({ ignoreDomains: ['reseller.example'] }))

  const link = async (source: string, id: string) =>
    db
      .selectFrom('account_links')
      .selectAll()
      .where('source', '=', source)
      .where('source_id', '=', id)
      .executeTakeFirst()

  it('links by explicit id first, then domain, then name, and never merges a shared key', async () => {
    const counts = await resolve()
    expect(
      Object.fromEntries(
        ['matched', 'conflict', 'unmatched'].map((status) => [
          status,
          counts.filter((c) => c.status === status).reduce((sum, c) => sum + c.records, 0),
        ]),
      ),
    ).toEqual({ matched: 6, conflict: 3, unmatched: 4 })

    expect(await link('zendesk', 'z-acme')).toMatchObject({
      status: 'matched',
      method: 'explicit_id',
      crm_account_id: 'A-acme',
    })
    // The disagreeing domain is kept as evidence, below the explicit id that decided.
    const acmeEvidence = (await link('zendesk', 'z-acme'))!.evidence
    expect(acmeEvidence.map((e: LinkEvidence) => [e.key, e.crmAccountId])).toEqual([
      ['explicit_id', 'A-acme'],
      ['domain', 'A-stark'],
      ['name', 'A-acme'],
    ])
    expect(await link('stripe', 'cus_hooli')).toMatchObject({
      status: 'matched',
      method: 'explicit_id',
      crm_account_id: 'A-hooli',
    })
    for (const [source, id] of [
      ['zendesk', 'z-initech'],
      ['stripe', 'cus_initech'],
      ['amplitude', 'initech.com'],
    ] as const)
      expect(await link(source, id)).toMatchObject({
        status: 'matched',
        method: 'domain',
        crm_account_id: 'A-initech',
      })
    expect(await link('stripe', 'cus_umbrella')).toMatchObject({
      status: 'matched',
      method: 'name',
      crm_account_id: 'A-umbrella',
    })
  })

  it('reports conflicts with every account each key matched, and unmatched records', async () => {
    await resolve()
    expect(await link('zendesk', 'z-globex')).toMatchObject({
      status: 'conflict',
      method: 'domain',
      crm_account_id: null,
    })
    expect((await link('zendesk', 'z-wayne'))!.status).toBe('conflict')
    expect((await link('stripe', 'cus_shared'))!.status).toBe('conflict')
    for (const [source, id] of [
      ['stripe', 'cus_resold'],
      ['zendesk', 'z-near-1'],
      ['zendesk', 'z-near-2'],
      ['zendesk', 'z-tyrell'],
    ] as const)
      expect(await link(source, id)).toMatchObject({ status: 'unmatched', crm_account_id: null })
    expect(await link('zendesk', 'z-gone')).toBeUndefined()

    const issues = await identityIssues(db, 'salesforce', 50)
    const report = formatIdentityReport(
      'salesforce',
      await resolveAccountLinks(
        db,
        'salesforce',
        ignoredDomains({ ignoreDomains: ['reseller.example'] }),
      ),
      issues,
      50,
    )
    expect(report).toContain(
      'zendesk      2 linked (1 by domain, 1 by explicit id), 2 in conflict, 3 unmatched',
    )
    expect(report).toContain('zendesk z-globex "Globex group" [domains globex.com]')
    expect(report).toContain(
      'stripe       3 linked (1 by domain, 1 by explicit id, 1 by company name), 1 in conflict, 1 unmatched',
    )
    expect(report).toContain('domain       globex.com → A-globex "Globex"')
    expect(report).toContain('domain       globex.com → A-globex-de "Globex Deutschland GmbH"')
    expect(report).toContain('stripe cus_shared "Shared" [CRM ids A-wayne, A-stark]')
    expect(report).toContain('stripe cus_resold "Resold Co" [domains reseller.example]')
  })

  it('is repeatable: a second resolution gives the same links', async () => {
    const first = await resolve()
    const second = await resolve()
    expect(second).toEqual(first)
  })
})
