import type { Generated } from 'kysely'
import type {
  DateColumn,
  JsonWithDefault,
  Numeric,
  NullableTimestamp,
  Timestamp,
} from './columns.js'

export interface BillingSubscriptionsTable {
  source: string
  source_id: string
  source_account_id: string
  status: string
  currency: string
  /** Monthly recurring revenue in currency units (annual / 12, quantities, discounts; 0 in trial). */
  mrr: Numeric
  seats: number | null
  trial_end: NullableTimestamp
  cancel_at: NullableTimestamp
  cancel_at_period_end: Generated<boolean>
  canceled_at: NullableTimestamp
  ended_at: NullableTimestamp
  current_period_start: NullableTimestamp
  current_period_end: NullableTimestamp
  items: JsonWithDefault<unknown[]>
  source_created_at: Timestamp
  source_updated_at: Timestamp
  deleted_at: NullableTimestamp
  extra: JsonWithDefault<Record<string, unknown>>
  synced_at: Generated<Date>
}

export interface BillingInvoicesTable {
  source: string
  source_id: string
  source_account_id: string
  subscription_source_id: string | null
  status: string | null
  currency: string
  /** Currency units, not cents. */
  amount_due: Numeric
  amount_paid: Numeric
  amount_remaining: Numeric
  attempt_count: Generated<number>
  due_date: NullableTimestamp
  paid_at: NullableTimestamp
  period_start: NullableTimestamp
  period_end: NullableTimestamp
  source_created_at: Timestamp
  source_updated_at: Timestamp
  deleted_at: NullableTimestamp
  extra: JsonWithDefault<Record<string, unknown>>
  synced_at: Generated<Date>
}

/** MRR of one subscription at the end of a calendar month (`month` is its first day). */
export interface BillingMrrMonthlyTable {
  source: string
  subscription_source_id: string
  month: DateColumn
  source_account_id: string
  mrr: Numeric
  seats: number | null
  source_updated_at: Timestamp
  synced_at: Generated<Date>
}
