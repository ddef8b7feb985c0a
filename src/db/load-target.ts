import type { RawBuilder } from 'kysely'
import type { Database, RowOf, TableName } from './database.js'

export type ColumnOf<T extends TableName> = keyof Database[T] & string

/** References to the stored row and the incoming one, for merge rules and change tests. */
export interface RowRefs {
  stored(column: string): RawBuilder<unknown>
  incoming(column: string): RawBuilder<unknown>
}

/**
 * How rows land in one customer-360 table: what a stream declares so that one loader in
 * `src/db/` can upsert any of them. The default rule replaces the stored row when the incoming
 * one is at least as new (`versionColumn`) and differs from it, so a replayed page neither rolls
 * a record back nor counts as an upsert.
 */
export interface LoadTarget<T extends TableName = TableName> {
  table: T
  /** The primary key the upsert conflicts on. */
  key: readonly ColumnOf<T>[]
  /** The source's modification time: an older incoming row never replaces a newer stored one. */
  versionColumn?: ColumnOf<T>
  /** Columns combined with the stored value instead of replaced (counters, id sets). */
  merge?: Partial<Record<ColumnOf<T>, (row: RowRefs) => RawBuilder<unknown>>>
  /**
   * Folds the rows one page holds for one key into one row before they go to Postgres (an
   * account's hours of a day into the day), as `merge` would apply them one by one. Without it
   * a merging target sends a page's rows of a key in rounds, one statement each.
   */
  combine?: (rows: RowOf<T>[]) => RowOf<T>
  /** Replaces the default change test: only incoming rows for which it holds touch the stored row. */
  changedWhen?: (row: RowRefs) => RawBuilder<boolean>
  /** A row with this column set counts as a deletion. */
  deletedColumn?: ColumnOf<T>
}

export function loadTarget<T extends TableName>(target: LoadTarget<T>): LoadTarget<T> {
  return target
}

/** One mapped row and the table it lands in. */
export interface TargetRow<T extends TableName = TableName> {
  table: T
  row: RowOf<T>
}

/** A row for `table`, type-checked against that table's Kysely interface. */
export function rowFor<T extends TableName>(table: T, row: RowOf<T>): TargetRow<T> {
  return { table, row }
}

/** Tables whose rows are one source record each, keyed by (source, source_id). */
type SourceRecordTable =
  | 'crm_users'
  | 'accounts'
  | 'opportunities'
  | 'source_accounts'
  | 'support_tickets'
  | 'satisfaction_ratings'
  | 'billing_subscriptions'
  | 'billing_invoices'

/**
 * The usual target of a stream: one row per source record, keyed by (source, source_id),
 * versioned by the source's modification time, deleted by `deleted_at`.
 */
export function sourceRecordTarget<T extends SourceRecordTable>(table: T): LoadTarget<T> {
  return {
    table,
    key: ['source', 'source_id'],
    versionColumn: 'source_updated_at',
    deletedColumn: 'deleted_at',
  } as unknown as LoadTarget<T>
}
