import { sql, type RawBuilder } from 'kysely'
import { configError } from '../../errors.js'

/** A segment by ARR: accounts at or above `minArr` and below the next tier up. */
export interface ArrTier {
  id: string
  minArr: number
}

/** 004's coverage model: high touch ≥ $100k ARR, low touch $15k–$100k, tech touch < $15k. */
export const DOMAIN_ARR_TIERS: readonly ArrTier[] = [
  { id: 'high-touch', minArr: 100_000 },
  { id: 'low-touch', minArr: 15_000 },
  { id: 'tech-touch', minArr: 0 },
]

/**
 * The tier of an ARR expression, as SQL: the highest tier whose floor it reaches; ARR below
 * every floor takes the lowest tier. The one place retention metrics decide a segment.
 */
export function arrSegmentSql(
  arr: RawBuilder<unknown>,
  tiers: readonly ArrTier[] = DOMAIN_ARR_TIERS,
): RawBuilder<string> {
  const ordered = [...tiers].sort((a, b) => b.minArr - a.minArr)
  const lowest = ordered.pop()
  // A config mistake: no retry of the activity can score accounts into no segment.
  if (!lowest) throw configError('model segments: at least one ARR tier is needed')
  if (ordered.length === 0) return sql<string>`${lowest.id}::text`
  const branches = ordered.map((t) => sql`when ${arr} >= ${t.minArr}::numeric then ${t.id}::text`)
  return sql<string>`(case ${sql.join(branches, sql` `)} else ${lowest.id}::text end)`
}
