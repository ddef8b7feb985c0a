import { sql, type RawBuilder } from 'kysely'
import { PLAY_PRIORITIES } from '../../model/plays/types.js'

/** 1 for urgent … 4 for low: the order a CSM works plays in. */
export function priorityRank(column: RawBuilder<unknown>): RawBuilder<number> {
  return sql<number>`array_position(${sql.val([...PLAY_PRIORITIES])}::text[], ${column})`
}
