import type { Segment } from './ground-truth-schema.js'
import { addDays, at } from './dates.js'
import { emailAllocator, personName, type PersonName } from './names.js'
import type { Random } from './random.js'

/** The vendor's own people live on a reserved domain, never on a customer's. */
export const VENDOR_DOMAIN = 'cs360-demo.example'

export interface TeamMember {
  name: PersonName
  email: string
  title: string
  /** CSMs and the digital-CS owner own accounts and renewals; AEs closed the new business. */
  role: 'csm' | 'digital' | 'ae'
  active: boolean
  createdMs: number
  modifiedMs: number
}

export interface Team {
  members: TeamMember[]
  /** Account owners per segment, assigned round-robin. */
  owners: Record<Segment, TeamMember[]>
  /** Sellers of new business; the last one may have left the company. */
  sellers: TeamMember[]
}

/** Coverage of the domain example: 1 enterprise CSM per 15 accounts, 1 pooled per 40, SMB digital. */
const ACCOUNTS_PER_CSM: Record<Exclude<Segment, 'smb'>, number> = {
  enterprise: 15,
  'mid-market': 40,
}

export function buildTeam(random: Random, asOf: string, counts: Record<Segment, number>): Team {
  const email = emailAllocator(VENDOR_DOMAIN, 'first.last')
  const members: TeamMember[] = []
  const hire = (title: string, role: TeamMember['role'], active = true): TeamMember => {
    const name = personName(random)
    const member: TeamMember = {
      name,
      email: email(name),
      title,
      role,
      active,
      createdMs: at(addDays(asOf, -random.int(200, 1400)), random.int(32_400, 61_200)),
      modifiedMs: at(addDays(asOf, -random.int(5, 180)), random.int(32_400, 61_200)),
    }
    members.push(member)
    return member
  }
  const csms = (segment: Exclude<Segment, 'smb'>, title: string) =>
    counts[segment] === 0
      ? []
      : Array.from({ length: Math.ceil(counts[segment] / ACCOUNTS_PER_CSM[segment]) }, () =>
          hire(title, 'csm'),
        )
  const owners: Record<Segment, TeamMember[]> = {
    enterprise: csms('enterprise', 'Customer Success Manager, Enterprise'),
    'mid-market': csms('mid-market', 'Customer Success Manager'),
    smb: counts.smb === 0 ? [] : [hire('Digital Customer Success', 'digital')],
  }
  const total = counts.enterprise + counts['mid-market'] + counts.smb
  const sellers = Array.from({ length: Math.max(2, Math.ceil(total / 120)) }, () =>
    hire('Account Executive', 'ae'),
  )
  if (total >= 20) sellers.push(hire('Account Executive', 'ae', false))
  return { members, owners, sellers }
}

export const isCsm = (member: TeamMember) => member.role !== 'ae'
