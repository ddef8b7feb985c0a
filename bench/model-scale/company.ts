import { planAccounts, type AccountPlan } from '../../src/sandbox/dataset/account-plan.js'
import { contractHistory, type ContractHistory } from '../../src/sandbox/dataset/contracts.js'
import { addDays } from '../../src/sandbox/dataset/dates.js'
import { Random } from '../../src/sandbox/dataset/random.js'
import { BRAND_HEAD, BRAND_TAIL, INDUSTRIES } from '../../src/sandbox/dataset/words.js'

/**
 * The synthetic company of the model-scale bench, one account at a time: each account is drawn
 * from the seed and its index alone (its segment, trajectory and hidden health from the
 * dataset generator's plans, its contract history from the generator's contracts), so every
 * table's pass re-derives the same account without holding 100,000 of them in memory.
 */
export interface ScaleAccount {
  index: number
  /** The CRM account id. */
  id: string
  name: string
  domain: string
  ownerId: string
  industry: string
  employees: number
  plan: AccountPlan
  contracts: ContractHistory
  /** People at the customer who use the product (analytics user ids). */
  users: number
  /** 0–1: how much the account uses the product this day, from its health and trajectory. */
  engagementOn(day: number): number
}

export interface CompanyShape {
  seed: number
  asOf: string
  accounts: number
}

/** One CSM per this many accounts: a book of business that a pooled CS team carries. */
export const ACCOUNTS_PER_CSM = 40
/** Segments are allocated exactly per block of plans, as the generator does for a company. */
const PLAN_BLOCK = 1000

const USERS: Record<AccountPlan['segment'], [number, number]> = {
  enterprise: [12, 40],
  'mid-market': [4, 14],
  smb: [1, 5],
}

/** A Salesforce-shaped 18-character id: key prefix, a base-36 body, a checksum-like tail. */
export function recordId(prefix: string, n: number): string {
  return `${prefix}${n.toString(36).padStart(12, '0')}AAA`
}

export function csmCount(shape: CompanyShape): number {
  return Math.max(1, Math.ceil(shape.accounts / ACCOUNTS_PER_CSM))
}

/** An independent random stream for one table's rows of one account. */
export function randomFor(shape: CompanyShape, part: string, index: number): Random {
  return Random.forPart(shape.seed, `${part}:${index}`)
}

export function* scaleAccounts(shape: CompanyShape): Generator<ScaleAccount> {
  const csms = csmCount(shape)
  for (let block = 0; block * PLAN_BLOCK < shape.accounts; block++) {
    const size = Math.min(PLAN_BLOCK, shape.accounts - block * PLAN_BLOCK)
    const plans = planAccounts(
      Random.forPart(shape.seed, `plans:${block}`),
      size,
      Random.forPart(shape.seed, `signal-mix:${block}`),
    )
    for (let j = 0; j < size; j++) {
      const index = block * PLAN_BLOCK + j
      const plan = plans[j]!
      const random = randomFor(shape, 'account', index)
      const contracts = contractHistory(random, shape.asOf, plan)
      const brand = `${random.pick(BRAND_HEAD)}${random.pick(BRAND_TAIL)}`
      const [uMin, uMax] = USERS[plan.segment]
      // Usage drifts over the year the way the trajectory goes: churners fade, expanders grow.
      const drift =
        plan.trajectory === 'churn'
          ? -0.3
          : plan.trajectory === 'expand'
            ? 0.2
            : plan.trajectory === 'contract'
              ? -0.15
              : 0
      yield {
        index,
        id: recordId('001', index),
        name: `${brand[0]!.toUpperCase()}${brand.slice(1)} ${index}`,
        domain: `${brand.toLowerCase()}-${index.toString(36)}.example`,
        ownerId: recordId('005', index % csms),
        industry: random.pick(INDUSTRIES),
        employees: Math.round(random.logBetween(5, 20_000)),
        plan,
        contracts,
        users: random.int(uMin, uMax),
        engagementOn: (day) =>
          Math.min(1, Math.max(0.02, plan.health - drift / 2 + (drift * day) / 365)),
      }
    }
  }
}

/** The days of the year of usage the bench loads: day 0 is 364 days before `asOf`. */
export function yearDays(asOf: string): string[] {
  return Array.from({ length: 365 }, (_, d) => addDays(asOf, d - 364))
}
