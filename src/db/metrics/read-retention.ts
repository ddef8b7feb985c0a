import type { Kysely, Selectable } from 'kysely'
import type { Database } from '../database.js'
import type { RetentionMonthlyTable } from '../tables/metrics.js'
import { ALL } from './dimensions.js'

export interface RetentionQuery {
  crm: string
  /** `YYYY-MM-01`. */
  month: string
  windowMonths: number
  segment?: string
  csm?: string
}

export type RetentionRow = Selectable<RetentionMonthlyTable>

/** One retention row (every segment and CSM unless named), or undefined before it is computed. */
export async function readRetention(
  db: Kysely<Database>,
  query: RetentionQuery,
): Promise<RetentionRow | undefined> {
  return db
    .selectFrom('retention_monthly')
    .selectAll()
    .where('crm', '=', query.crm)
    .where('month', '=', query.month)
    .where('window_months', '=', query.windowMonths)
    .where('segment', '=', query.segment ?? ALL)
    .where('csm_source_id', '=', query.csm ?? ALL)
    .executeTakeFirst()
}
