import { addDays, at } from '../../src/sandbox/dataset/dates.js'
import { randomFor, scaleAccounts, type CompanyShape, type ScaleAccount } from './company.js'
import { textArray } from './copy-rows.js'
import type { TableRows } from './table-rows.js'

/** The connectors of the other systems, as their connector ids name them in every table. */
export const SOURCES = { usage: 'amplitude', support: 'zendesk', billing: 'stripe' } as const

/** Each system's id for the account's record there. */
export const sourceIds = {
  amplitude: (a: ScaleAccount) => a.domain,
  zendesk: (a: ScaleAccount) => String(360_010_000_000 + a.index),
  stripe: (a: ScaleAccount) => `cus_${a.index.toString(36).padStart(14, '0')}`,
}

/** One analytics account in a hundred is named unlike any CRM account: unmatched. */
const UNMATCHED_ANALYTICS = 0.01

const iso = (ms: number) => new Date(ms).toISOString()

export function sourceAccounts(shape: CompanyShape): TableRows {
  return {
    table: 'source_accounts',
    columns: [
      'source',
      'source_id',
      'name',
      'domains',
      'crm_account_ids',
      'email',
      'source_created_at',
      'source_updated_at',
    ],
    *rows() {
      for (const a of scaleAccounts(shape)) {
        const created = iso(at(a.contracts.customerSince, 30_000))
        const updated = iso(at(addDays(shape.asOf, -1), 30_000))
        const domains = textArray([a.domain])
        yield ['amplitude', sourceIds.amplitude(a), a.name, domains, '{}', null, created, updated]
        yield [
          'zendesk',
          sourceIds.zendesk(a),
          a.name,
          domains,
          textArray([a.id]),
          null,
          created,
          updated,
        ]
        yield [
          'stripe',
          sourceIds.stripe(a),
          a.name,
          domains,
          textArray([a.id]),
          `billing@${a.domain}`,
          created,
          updated,
        ]
      }
    },
  }
}

/** The identity links resolution would keep: support and billing by the CRM id they carry. */
export function accountLinks(shape: CompanyShape, crm: string): TableRows {
  return {
    table: 'account_links',
    columns: ['source', 'source_id', 'crm', 'crm_account_id', 'status', 'method', 'evidence'],
    *rows() {
      for (const a of scaleAccounts(shape)) {
        const random = randomFor(shape, 'account_links', a.index)
        const evidence = (key: string, value: string) =>
          JSON.stringify([{ key, value, crmAccountId: a.id, crmAccountName: a.name }])
        yield random.chance(UNMATCHED_ANALYTICS)
          ? ['amplitude', sourceIds.amplitude(a), crm, null, 'unmatched', null, '[]']
          : [
              'amplitude',
              sourceIds.amplitude(a),
              crm,
              a.id,
              'matched',
              'domain',
              evidence('domain', a.domain),
            ]
        yield [
          'zendesk',
          sourceIds.zendesk(a),
          crm,
          a.id,
          'matched',
          'explicit_id',
          evidence('explicit_id', a.id),
        ]
        yield [
          'stripe',
          sourceIds.stripe(a),
          crm,
          a.id,
          'matched',
          'explicit_id',
          evidence('explicit_id', a.id),
        ]
      }
    },
  }
}
