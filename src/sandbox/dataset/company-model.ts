import { planAccounts, type AccountPlan } from './account-plan.js'
import { contractHistory, type ContractHistory } from './contracts.js'
import { addDays, at, daysBetween } from './dates.js'
import type { Segment, Trajectory } from './ground-truth-schema.js'
import {
  companyIdentities,
  emailAllocator,
  personName,
  type CompanyIdentity,
  type EmailStyle,
  type PersonName,
} from './names.js'
import { Random } from './random.js'
import { buildTeam, type Team, type TeamMember } from './team.js'
import { planLinkingKeys, type LinkingKeys } from './linking-keys.js'
import { INDUSTRIES } from './words.js'

/** A person at a customer: files tickets in Zendesk, shows up as a user in Amplitude. */
export interface Contact {
  name: PersonName
  email: string
  title: string
  sinceMs: number
}

/**
 * One customer account as the company knows it, before any system renders it: every system's
 * records are drawn from this, so a Salesforce and a HubSpot variant are the same company.
 */
export interface ModelAccount {
  index: number
  identity: CompanyIdentity
  plan: AccountPlan
  owner: TeamMember
  seller: TeamMember
  industry: string
  employees: number
  annualRevenue: number
  contracts: ContractHistory
  churnDate: string | null
  lastActivity: string | null
  createdMs: number
  modifiedMs: number
  contacts: Contact[]
  /** How each system names the account: CRM ids carried, domain spellings, identity traps. */
  linking: LinkingKeys
}

export interface CompanyModel {
  asOf: string
  team: Team
  accounts: ModelAccount[]
}

/**
 * Days since the last logged activity. Coverage decides most of it (a high-touch account hears
 * from its CSM weekly, a tech-touch one rarely); how the account looks tilts it, and an account
 * in trouble is as likely to be in a save motion (contacted yesterday) as to be neglected.
 */
const ACTIVITY_DAYS: Record<Segment, [number, number]> = {
  enterprise: [0, 30],
  'mid-market': [2, 60],
  smb: [5, 120],
}
/** How the account's look stretches the gap: a quiet account is logged less. */
const ACTIVITY_STRETCH: Record<Trajectory, number> = {
  churn: 1.5,
  contract: 1.2,
  stable: 1,
  expand: 0.7,
}

const EMPLOYEES: Record<Segment, [number, number]> = {
  enterprise: [1000, 20000],
  'mid-market': [150, 1500],
  smb: [5, 200],
}

/** People at the customer the vendor deals with (admins, champions, everyday users). */
const CONTACTS: Record<Segment, [number, number]> = {
  enterprise: [12, 40],
  'mid-market': [4, 14],
  smb: [1, 5],
}

const CONTACT_TITLES = [
  'Operations Manager',
  'Analyst',
  'Team Lead',
  'Director of Operations',
  'IT Administrator',
  'Product Manager',
  'Engineer',
  'Head of Finance',
  'Customer Support Lead',
  'VP Operations',
]

function contacts(random: Random, asOf: string, account: ModelAccount): Contact[] {
  const style: EmailStyle =
    account.plan.segment === 'smb' && random.chance(0.4)
      ? 'first'
      : random.pick(['first.last', 'first.last', 'flast'] as const)
  const email = emailAllocator(account.identity.domain, style)
  const [min, max] = CONTACTS[account.plan.segment]
  const since = account.contracts.customerSince
  // Colleagues join over the first months, never after the dataset's day.
  const room = Math.max(0, daysBetween(since, asOf) - 1)
  return Array.from({ length: random.int(min, max) }, (_, i) => {
    const name = personName(random)
    const joined = addDays(since, random.int(0, Math.min(room, i === 0 ? 7 : 300)))
    return {
      name,
      email: email(name),
      title: i === 0 ? 'Platform Administrator' : random.pick(CONTACT_TITLES),
      sinceMs: at(joined, random.int(28_800, 64_800)),
    }
  })
}

/** The synthetic company: its team, and every customer account with its contract history. */
export function buildCompanyModel(seed: number, asOf: string, count: number): CompanyModel {
  const random = Random.forPart(seed, 'company')
  const plans = planAccounts(random, count, Random.forPart(seed, 'signal-mix'))
  const identities = companyIdentities(random, count)
  const counts: Record<Segment, number> = { enterprise: 0, 'mid-market': 0, smb: 0 }
  for (const plan of plans) counts[plan.segment] += 1
  const team = buildTeam(random, asOf, counts)
  const assigned: Record<Segment, number> = { enterprise: 0, 'mid-market': 0, smb: 0 }
  const activeSellers = team.sellers.filter((s) => s.active)
  const accounts = plans.map((plan, index): ModelAccount => {
    const pool = team.owners[plan.segment]
    const owner = pool[assigned[plan.segment]++ % pool.length]!
    const history = contractHistory(random, asOf, plan)
    const longAgo = history.customerSince < addDays(asOf, -365)
    const seller = random.pick(longAgo ? team.sellers : activeSellers)
    // Noise: one account in five is in a save motion or a check-in, logged this week.
    const [aMin, aMax] = random.chance(1 / 5) ? [0, 7] : ACTIVITY_DAYS[plan.segment]
    const gap = Math.round(random.int(aMin, aMax) * ACTIVITY_STRETCH[plan.looksLike])
    const activity = plan.churned
      ? addDays(history.termStart, -random.int(10, 90))
      : addDays(asOf, -gap)
    const [eMin, eMax] = EMPLOYEES[plan.segment]
    const employees = Math.round(random.logBetween(eMin, eMax))
    const workTime = () => random.int(28_800, 64_800)
    const account: ModelAccount = {
      index,
      identity: identities[index]!,
      plan,
      owner,
      seller,
      industry: random.pick(INDUSTRIES),
      employees,
      annualRevenue: Math.round((employees * random.between(80_000, 250_000)) / 1000) * 1000,
      contracts: history,
      churnDate: plan.churned ? history.termStart : null,
      lastActivity: random.chance(0.05) ? null : activity,
      createdMs: at(addDays(history.customerSince, -random.int(95, 240)), workTime()),
      // Before the as-of day: served today, nothing may carry a stamp later than now.
      modifiedMs: at(addDays(asOf, -random.int(1, 60)), workTime()),
      contacts: [],
      linking: undefined as unknown as LinkingKeys,
    }
    account.contacts = contacts(random, asOf, account)
    return account
  })
  const linking = planLinkingKeys(seed, accounts)
  for (const account of accounts) account.linking = linking[account.index]!
  return { asOf, team, accounts }
}
