import type { Random } from './random.js'
import type { Segment, Trajectory } from './schema.js'

/** Segment ARR bands of the domain example: enterprise over $150k, mid-market $30–150k, SMB under $30k. */
export const SEGMENT_ARR: Record<Segment, [number, number]> = {
  enterprise: [150_000, 600_000],
  'mid-market': [30_000, 150_000],
  smb: [3_000, 30_000],
}

/** Segment mix of the domain example (40 / 120 / 180 of 340 accounts). */
export const SEGMENT_SHARE: Record<Segment, number> = {
  enterprise: 0.12,
  'mid-market': 0.35,
  smb: 0.53,
}

/** How likely each trajectory is per segment: small customers churn more. */
const TRAJECTORY_ODDS: Record<Segment, [Trajectory, number][]> = {
  enterprise: [
    ['churn', 0.05],
    ['contract', 0.1],
    ['stable', 0.5],
    ['expand', 0.35],
  ],
  'mid-market': [
    ['churn', 0.1],
    ['contract', 0.12],
    ['stable', 0.5],
    ['expand', 0.28],
  ],
  smb: [
    ['churn', 0.16],
    ['contract', 0.12],
    ['stable', 0.52],
    ['expand', 0.2],
  ],
}

export interface AccountPlan {
  segment: Segment
  trajectory: Trajectory
  /** Already gone before the dataset's day: a Closed Lost renewal, no running contract. */
  churned: boolean
}

/** Deterministic segment allocation hitting the mix exactly, then a trajectory per account. */
export function planAccounts(random: Random, count: number): AccountPlan[] {
  const enterprise = Math.round(count * SEGMENT_SHARE.enterprise)
  const midMarket = Math.round(count * SEGMENT_SHARE['mid-market'])
  const segments: Segment[] = [
    ...Array<Segment>(enterprise).fill('enterprise'),
    ...Array<Segment>(midMarket).fill('mid-market'),
    ...Array<Segment>(Math.max(0, count - enterprise - midMarket)).fill('smb'),
  ]
  return random.shuffle(segments).map((segment) => {
    let roll = random.next()
    let trajectory: Trajectory = 'stable'
    for (const [candidate, p] of TRAJECTORY_ODDS[segment]) {
      if (roll < p) {
        trajectory = candidate
        break
      }
      roll -= p
    }
    return { segment, trajectory, churned: trajectory === 'churn' && random.chance(0.35) }
  })
}
