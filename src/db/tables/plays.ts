import type { Generated } from 'kysely'
import type { PlayPriority } from '../../model/plays/types.js'
import type { DateColumn, JsonWithDefault, NullableTimestamp } from './columns.js'

export type PlayStatus = 'open' | 'closed'

/** A next action for an account's CSM; one open row per account, type and reason key. */
export interface PlaysTable {
  id: Generated<string>
  crm: string
  account_id: string
  play_type: string
  reason_key: string
  reason: string
  action: string
  priority: PlayPriority
  owner_id: string | null
  due_date: DateColumn
  evidence: JsonWithDefault<Record<string, unknown>>
  status: Generated<PlayStatus>
  raised_as_of: DateColumn
  last_seen_as_of: DateColumn
  closed_as_of: DateColumn | null
  raised_at: Generated<Date>
  updated_at: Generated<Date>
  closed_at: NullableTimestamp
  closed_why: string | null
}
