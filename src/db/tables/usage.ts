import type { Generated } from 'kysely'
import type { ArrayWithDefault, DateColumn } from './columns.js'

/**
 * Product usage of one source account on one UTC day. Hourly export windows merge in:
 * `hours_loaded` is the bitmask of hours already counted (bit h = hour h), so a replayed window
 * adds nothing; id arrays are unions.
 */
export interface UsageDailyTable {
  source: string
  source_account_id: string
  day: DateColumn
  hours_loaded: Generated<number>
  events: Generated<number>
  user_ids: ArrayWithDefault<string>
  session_ids: ArrayWithDefault<string>
  event_types: ArrayWithDefault<string>
  synced_at: Generated<Date>
}
