import type { Generated } from 'kysely'
import type { ArrayWithDefault, JsonWithDefault, NullableTimestamp, Timestamp } from './columns.js'

export interface SupportTicketsTable {
  source: string
  source_id: string
  /** The source account (Zendesk organization) the ticket belongs to. */
  source_account_id: string | null
  requester_id: string | null
  subject: string | null
  status: string
  priority: string | null
  ticket_type: string | null
  tags: ArrayWithDefault<string>
  source_created_at: Timestamp
  solved_at: NullableTimestamp
  source_updated_at: Timestamp
  deleted_at: NullableTimestamp
  extra: JsonWithDefault<Record<string, unknown>>
  synced_at: Generated<Date>
}

export interface SatisfactionRatingsTable {
  source: string
  source_id: string
  ticket_source_id: string | null
  source_account_id: string | null
  /** good | bad (answered), offered | unoffered (asked, no answer yet). */
  score: string
  comment: string | null
  source_created_at: Timestamp
  source_updated_at: Timestamp
  deleted_at: NullableTimestamp
  extra: JsonWithDefault<Record<string, unknown>>
  synced_at: Generated<Date>
}
