import type { Random } from './random.js'
import type { Segment, Trajectory } from './ground-truth-schema.js'

/** Segment ARR bands of the domain example: enterprise over $150k, mid-market $30–150k, SMB under $30k. */
export const SEGMENT_ARR: Record<Segment, [number, number]> = {
  enterprise: [150_000, 900_000],
  'mid-market': [30_000, 150_000],
  smb: [3_000, 30_000],
}

/**
 * Median and spread of the log-normal ARR inside each band: most accounts sit near the bottom of
 * their band, a few far above, which lands 340 accounts near the example's $18M (avg ACV $53k).
 */
const ARR_SHAPE: Record<Segment, { median: number; sigma: number }> = {
  enterprise: { median: 190_000, sigma: 0.45 },
  'mid-market': { median: 50_000, sigma: 0.5 },
  smb: { median: 9_000, sigma: 0.65 },
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

/** Centre of the hidden health each trajectory draws around (0–1). */
const HEALTH_CENTRE: Record<Trajectory, number> = {
  churn: 0.22,
  contract: 0.42,
  stable: 0.65,
  expand: 0.83,
}

/** Spread of the hidden health around its centre: neighbouring trajectories overlap. */
const HEALTH_SPREAD = 0.14

/**
 * What each trajectory's signals look like: most accounts show where they are heading, some do
 * not. About one churner in five leaves while looking fine (acquired, budget cut, champion gone); some
 * contracting accounts look stable; some accounts that stay look troubled (a small team, a
 * seasonal business, a product used through an integration nobody logs into). docs/sandbox.md
 * documents this mix; a health model that reads the generator's plants too literally pays for it.
 */
export const SIGNAL_MIX: Record<Trajectory, [Trajectory, number][]> = {
  churn: [
    ['churn', 0.72],
    ['contract', 0.1],
    ['stable', 0.18],
  ],
  contract: [
    ['contract', 0.7],
    ['churn', 0.05],
    ['stable', 0.25],
  ],
  stable: [
    ['stable', 0.85],
    ['contract', 0.1],
    ['churn', 0.02],
    ['expand', 0.03],
  ],
  expand: [
    ['expand', 0.85],
    ['stable', 0.15],
  ],
}

export interface AccountPlan {
  segment: Segment
  trajectory: Trajectory
  /**
   * The trajectory the account's signals show (SIGNAL_MIX): usage, support, billing and what the
   * account team types into the CRM follow this one; only the outcome follows `trajectory`.
   */
  looksLike: Trajectory
  /** Already gone before the dataset's day: a Closed Lost renewal, no running contract. */
  churned: boolean
  /**
   * Hidden health, 0–1, drawn around the centre of `looksLike`: support, billing and usage
   * signals are drawn from it, each with its own noise, so they agree with the trajectory on
   * average but not account by account.
   */
  health: number
  /** ARR of the current (or, for former customers, the last) contract term, before upsells. */
  termArr: number
}

/**
 * Deterministic segment allocation hitting the mix exactly, then a trajectory per account. The
 * signal mix draws from its own stream (`mix`) so that the rest of the company stays as it was.
 */
export function planAccounts(random: Random, count: number, mix: Random): AccountPlan[] {
  const enterprise = Math.round(count * SEGMENT_SHARE.enterprise)
  const midMarket = Math.round(count * SEGMENT_SHARE['mid-market'])
  const segments: Segment[] = [
    ...Array<Segment>(enterprise).fill('enterprise'),
    ...Array<Segment>(midMarket).fill('mid-market'),
    ...Array<Segment>(Math.max(0, count - enterprise - midMarket)).fill('smb'),
  ]
  return random.shuffle(segments).map((segment) => {
    const trajectory = random.weighted(TRAJECTORY_ODDS[segment])
    const looksLike = mix.weighted(SIGNAL_MIX[trajectory])
    const centre = HEALTH_CENTRE[looksLike]
    const noise = random.normal(0, 1) * HEALTH_SPREAD
    const health = Math.min(0.98, Math.max(0.02, centre + noise))
    const [min, max] = SEGMENT_ARR[segment]
    const { median, sigma } = ARR_SHAPE[segment]
    // Bands are half-open (SMB is *under* $30k), so the rounded value stays below the top.
    const drawn = Math.round(random.logNormalWithin(median, sigma, min, max) / 100) * 100
    const termArr = Math.min(max - 100, Math.max(min, drawn))
    return {
      segment,
      trajectory,
      looksLike,
      churned: trajectory === 'churn' && random.chance(0.35),
      health,
      termArr,
    }
  })
}
