import { sql, type Expression, type RawBuilder } from 'kysely'
import type { OverrideField, SegmentSettings, TierOverride } from '../../model/segments/settings.js'
import { tiersByArr } from '../../model/segments/tier.js'

/** The columns tiering reads, under whatever aliases the calling query gives them. */
export interface TierColumns {
  accountId: Expression<string>
  arr: Expression<unknown>
  accountType: Expression<string | null>
  industry: Expression<string | null>
}

/**
 * src/model/segments/tier.ts's `tierOf` as SQL, so a query can group a whole customer base by
 * tier in one statement: the first matching override, else the highest ARR floor reached.
 * test/report-capacity.test.ts checks that both agree on every account.
 */
export function tierPlacementSql(
  settings: SegmentSettings,
  columns: TierColumns,
): { tier: RawBuilder<string>; overriddenBy: RawBuilder<string | null> } {
  const overrides = settings.overrides.map(
    (o) => sql`when ${overrideCondition(o, columns)} then ${o.tier}::text`,
  )
  const tiers = tiersByArr(settings)
  const lowest = tiers[tiers.length - 1]!
  const byArr = tiers
    .slice(0, -1)
    .map((t) => sql`when ${columns.arr} >= ${t.minArr}::numeric then ${t.id}::text`)
  const reasons = settings.overrides.map(
    (o) => sql`when ${overrideCondition(o, columns)} then ${o.reason}::text`,
  )
  return {
    tier: sql<string>`case ${sql.join([...overrides, ...byArr], sql` `)} else ${lowest.id}::text end`,
    overriddenBy:
      reasons.length === 0
        ? sql<null>`null::text`
        : sql<string | null>`case ${sql.join(reasons, sql` `)} end`,
  }
}

function overrideCondition(override: TierOverride, columns: TierColumns): RawBuilder<boolean> {
  const field = override.crmField
  const byField = field
    ? sql`${FIELD_COLUMN[field.field](columns)} = any(${field.values}::text[])`
    : sql`false`
  return sql<boolean>`(${columns.accountId} = any(${override.accounts}::text[]) or ${byField})`
}

const FIELD_COLUMN: Record<OverrideField, (c: TierColumns) => Expression<string | null>> = {
  accountType: (c) => c.accountType,
  industry: (c) => c.industry,
}
