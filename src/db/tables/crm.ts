import type { Generated } from 'kysely'
import type {
  DateColumn,
  JsonWithDefault,
  NullableNumeric,
  NullableTimestamp,
  Timestamp,
} from './columns.js'

/** A CRM's users; cs360 treats account owners as the accounts' CSMs. */
export interface CrmUsersTable {
  source: string
  source_id: string
  name: string
  email: string | null
  is_active: Generated<boolean>
  source_updated_at: Timestamp
  deleted_at: NullableTimestamp
  synced_at: Generated<Date>
}

export interface AccountsTable {
  source: string
  source_id: string
  name: string
  domain: string | null
  industry: string | null
  account_type: string | null
  employees: number | null
  annual_revenue: NullableNumeric
  owner_source_id: string | null
  last_activity_date: DateColumn | null
  /** The CRM's pointers to other systems: system id → record id there. */
  external_ids: JsonWithDefault<Record<string, string>>
  /**
   * The CSM's own view of the account's health as typed in the CRM field the connector's
   * `csmHealthField` names (trimmed; null when empty or unmapped). Read, never written.
   */
  csm_health: Generated<string | null>
  source_created_at: Timestamp | null
  source_updated_at: Timestamp
  deleted_at: NullableTimestamp
  synced_at: Generated<Date>
}

export interface OpportunitiesTable {
  source: string
  source_id: string
  account_source_id: string | null
  name: string
  opportunity_type: string | null
  is_renewal: Generated<boolean>
  /** Of a kind that grows the account (upsell, expansion …), from the connector's config. */
  is_expansion: Generated<boolean>
  stage: string
  amount: NullableNumeric
  probability: NullableNumeric
  close_date: DateColumn | null
  is_closed: boolean
  is_won: boolean
  contract_start: DateColumn | null
  contract_end: DateColumn | null
  owner_source_id: string | null
  source_created_at: Timestamp | null
  source_updated_at: Timestamp
  deleted_at: NullableTimestamp
  synced_at: Generated<Date>
}
