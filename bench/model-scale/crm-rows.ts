import { addDays, at } from '../../src/sandbox/dataset/dates.js'
import type { Trajectory } from '../../src/sandbox/dataset/ground-truth-schema.js'
import { GIVEN_NAMES, FAMILY_NAMES } from '../../src/sandbox/dataset/words.js'
import {
  csmCount,
  randomFor,
  recordId,
  scaleAccounts,
  type CompanyShape,
  type ScaleAccount,
} from './company.js'
import type { CopyValue } from './copy-rows.js'
import type { TableRows } from './table-rows.js'

/** Days since the last logged activity: churners go quiet, expanders talk weekly. */
const ACTIVITY_DAYS: Record<Trajectory, [number, number]> = {
  churn: [50, 200],
  contract: [20, 90],
  stable: [3, 45],
  expand: [0, 14],
}

const iso = (ms: number) => new Date(ms).toISOString()

export function crmUsers(shape: CompanyShape, crm: string): TableRows {
  return {
    table: 'crm_users',
    columns: ['source', 'source_id', 'name', 'email', 'is_active', 'source_updated_at'],
    *rows() {
      for (let k = 0; k < csmCount(shape); k++) {
        const random = randomFor(shape, 'crm_users', k)
        const given = random.pick(GIVEN_NAMES)
        const family = random.pick(FAMILY_NAMES)
        yield [
          crm,
          recordId('005', k),
          `${given} ${family}`,
          `${given}.${family}.${k}@cs360-demo.example`.toLowerCase(),
          true,
          iso(at(addDays(shape.asOf, -random.int(30, 400)), 36_000)),
        ]
      }
    },
  }
}

export function accounts(shape: CompanyShape, crm: string): TableRows {
  return {
    table: 'accounts',
    columns: [
      'source',
      'source_id',
      'name',
      'domain',
      'industry',
      'account_type',
      'employees',
      'annual_revenue',
      'owner_source_id',
      'last_activity_date',
      'source_created_at',
      'source_updated_at',
    ],
    *rows() {
      for (const a of scaleAccounts(shape)) {
        const random = randomFor(shape, 'accounts', a.index)
        const [min, max] = ACTIVITY_DAYS[a.plan.trajectory]
        const lastActivity = a.plan.churned
          ? addDays(a.contracts.termStart, -random.int(10, 90))
          : addDays(shape.asOf, -random.int(min, max))
        yield [
          crm,
          a.id,
          a.name,
          a.domain,
          a.industry,
          a.plan.churned ? 'Former Customer' : 'Customer',
          a.employees,
          Math.round(a.employees * random.between(80, 250)) * 1000,
          a.ownerId,
          lastActivity,
          iso(at(addDays(a.contracts.customerSince, -random.int(95, 240)), 40_000)),
          iso(at(addDays(shape.asOf, -random.int(1, 60)), 40_000)),
        ]
      }
    },
  }
}

/**
 * The account's contract history as opportunities (New Business, Renewals, co-termed Upsells,
 * the open Renewal in its window, the Closed Lost renewal of a former customer) and, for some
 * expanding customers, an open expansion deal: what the renewal forecast's pipeline reads.
 */
export function opportunities(shape: CompanyShape, crm: string): TableRows {
  return {
    table: 'opportunities',
    columns: [
      'source',
      'source_id',
      'account_source_id',
      'name',
      'opportunity_type',
      'is_renewal',
      'stage',
      'amount',
      'probability',
      'close_date',
      'is_closed',
      'is_won',
      'contract_start',
      'contract_end',
      'owner_source_id',
      'source_created_at',
      'source_updated_at',
    ],
    *rows() {
      for (const a of scaleAccounts(shape)) yield* opportunitiesOf(shape, crm, a)
    },
  }
}

function* opportunitiesOf(
  shape: CompanyShape,
  crm: string,
  a: ScaleAccount,
): Generator<CopyValue[]> {
  for (const [k, d] of a.contracts.deals.entries())
    yield [
      crm,
      recordId('006', a.index * 10 + k),
      a.id,
      `${a.name} — ${d.kind}`,
      d.kind,
      d.kind === 'Renewal',
      d.stage,
      d.amount,
      d.probability,
      d.closeDate,
      d.closed,
      d.won,
      d.start,
      d.end,
      d.soldBy === 'csm' ? a.ownerId : recordId('005', 0),
      iso(d.createdMs),
      iso(d.modifiedMs),
    ]
  const random = randomFor(shape, 'opportunities', a.index)
  if (!a.plan.churned && a.plan.trajectory === 'expand' && random.chance(0.3)) {
    const close = addDays(shape.asOf, random.int(10, 270))
    const stage = random.pick(['Needs Analysis', 'Proposal/Price Quote', 'Negotiation/Review'])
    yield [
      crm,
      recordId('006', a.index * 10 + 9),
      a.id,
      `${a.name} — Expansion`,
      'Upsell',
      false,
      stage,
      Math.round((a.contracts.arr * random.between(0.1, 0.4)) / 100) * 100,
      stage === 'Negotiation/Review' ? 70 : stage === 'Proposal/Price Quote' ? 40 : 20,
      close,
      false,
      false,
      close,
      a.contracts.termEnd,
      a.ownerId,
      iso(at(addDays(shape.asOf, -random.int(5, 60)), 40_000)),
      iso(at(addDays(shape.asOf, -random.int(1, 5)), 40_000)),
    ]
  }
}
