import { healthBand, healthStatus, type HealthStatus } from '../../model/health/bands.js'
import type { CompanyModel, ModelAccount } from './company-model.js'
import { Random } from './random.js'
import type { TeamMember } from './team.js'

/** Share of current customers whose CSM keeps a health view in the CRM. */
const SHARE_WITH_VIEW = 0.6

/** How CSMs fill the field in: mostly a status, often a band or a number, now and then junk. */
const FORMATS = [
  ['status', 0.45],
  ['band', 0.22],
  ['number', 0.28],
  ['junk', 0.05],
] as const

/** What CSMs type that reads as no health at all. */
const JUNK = ['ok', 'TBD', 'see notes', '??', 'fine I think', 'n/a', 'amber']

/** How the same status gets typed. */
const SPELLINGS: Record<HealthStatus, readonly string[]> = {
  Green: ['Green', 'Green', 'green', 'GREEN'],
  Yellow: ['Yellow', 'Yellow', 'yellow', 'YELLOW'],
  Red: ['Red', 'Red', 'red', 'RED'],
}

const DOMAIN_STATUS = { green: 80, yellow: 50 }

/**
 * The CSM's own view of each account's health as typed into the CRM field, by account index
 * (null: no view). The CSM sees the account's hidden health with their own lean (most lean
 * optimistic, some a lot) and noise: their view is often rosier than the model's, and sometimes
 * right where the model, reading noisy signals, is wrong (they know the account's real fate). Former customers have no view. Drawn
 * from a stream of its own, so the rest of the company is unchanged by it.
 */
export function drawCsmViews(seed: number, model: CompanyModel): (string | null)[] {
  const random = Random.forPart(seed, 'csm-view')
  const lean = new Map<TeamMember, number>(
    model.team.members.map((m) => [m, random.normal(8, 7)] as const),
  )
  return model.accounts.map((a) => {
    const typed = random.chance(SHARE_WITH_VIEW)
    const seen = perceived(random, a, lean.get(a.owner) ?? 0)
    const format = random.weighted(FORMATS)
    if (a.plan.churned || !typed) return null
    if (format === 'junk') return random.pick(JUNK)
    if (format === 'number') return String(Math.round(seen))
    if (format === 'band') return healthBand(seen)
    return random.pick(SPELLINGS[healthStatus(seen, DOMAIN_STATUS)])
  })
}

/**
 * Where a CSM who knows more than the records sits: the middle of the account's real trajectory
 * (a champion's exit, a budget decision heard on a call).
 */
const INSIDE_VIEW: Record<ModelAccount['plan']['trajectory'], number> = {
  churn: 25,
  contract: 45,
  stable: 68,
  expand: 85,
}

/**
 * The account's health, 0–100, as its CSM sees it: what the records show (the hidden health,
 * drawn from how the account looks) — or, for one account in four, what the CSM knows of where
 * it is really heading — with the CSM's lean and noise.
 */
function perceived(random: Random, account: ModelAccount, lean: number): number {
  const knows = random.chance(0.25)
  const base = knows ? INSIDE_VIEW[account.plan.trajectory] : account.plan.health * 100
  const value = base + lean + random.normal(0, 10)
  return Math.min(100, Math.max(0, value))
}
