import { sql, type RawBuilder, type Transaction } from 'kysely'
import type { Database, TableName } from './database.js'
import type { LoadTarget, RowRefs, TargetRow } from './load-target.js'

// Postgres caps a statement at 65,535 bind parameters.
const MAX_PARAMETERS = 60_000

export interface LoadCounts {
  /** Rows inserted or changed (deletions included). */
  upserted: number
  /** Of those, rows that mark a record deleted. */
  deleted: number
  /** Rows that changed nothing: replayed, older than what is stored, or identical. */
  unchanged: number
}

const NO_ROWS: LoadCounts = { upserted: 0, deleted: 0, unchanged: 0 }

/**
 * The one loader of the customer-360: upserts mapped rows into the tables their stream
 * declared, in the caller's transaction, with multi-row statements chunked under the parameter
 * limit. Counts come from what Postgres actually changed, so rows the stale-row guard skipped
 * are not counted as upserts.
 */
export async function loadRows(
  trx: Transaction<Database>,
  targets: readonly LoadTarget<any>[],
  rows: readonly TargetRow[],
): Promise<LoadCounts> {
  const byTable = new Map<TableName, TargetRow['row'][]>()
  for (const { table, row } of rows) {
    const list = byTable.get(table) ?? []
    list.push(row)
    byTable.set(table, list)
  }
  const totals = { ...NO_ROWS }
  for (const [table, tableRows] of byTable) {
    const target = targets.find((t) => t.table === table)
    if (!target) throw new Error(`no load target declared for table ${table}`)
    const counts = await upsert(trx, target, tableRows as Record<string, unknown>[])
    totals.upserted += counts.upserted
    totals.deleted += counts.deleted
    totals.unchanged += counts.unchanged
  }
  return totals
}

/**
 * Postgres refuses two rows for one key in one statement. A replacing target keeps the last
 * (newest) row of a key; a merging one (counters, id sets, hour bitmasks) must apply every row,
 * so its rows go in rounds, the n-th row of each key in the n-th statement, in page order.
 */
async function upsert(
  trx: Transaction<Database>,
  target: LoadTarget<any>,
  input: Record<string, unknown>[],
): Promise<LoadCounts> {
  if (target.combine) {
    const rows = [...groupByKey(input, target.key).values()].map((group) =>
      group.length === 1 ? group[0]! : (target.combine!(group as never) as Record<string, unknown>),
    )
    const counts = await upsertDistinct(trx, target, rows)
    return { ...counts, unchanged: counts.unchanged + input.length - rows.length }
  }
  const merging = target.merge !== undefined || target.changedWhen !== undefined
  if (!merging) {
    const rows = lastPerKey(input, target.key)
    const counts = await upsertDistinct(trx, target, rows)
    return { ...counts, unchanged: counts.unchanged + input.length - rows.length }
  }
  const totals = { ...NO_ROWS }
  for (const round of rounds(input, target.key)) {
    const counts = await upsertDistinct(trx, target, round)
    totals.upserted += counts.upserted
    totals.deleted += counts.deleted
    totals.unchanged += counts.unchanged
  }
  return totals
}

/** Upserts rows whose keys are all distinct. */
async function upsertDistinct(
  trx: Transaction<Database>,
  target: LoadTarget<any>,
  rows: Record<string, unknown>[],
): Promise<LoadCounts> {
  if (rows.length === 0) return NO_ROWS
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))]
  const key = target.key as readonly string[]
  const updatable = columns.filter((c) => !key.includes(c) && c !== 'synced_at')
  const refs = rowRefs(target.table)
  const set: Record<string, RawBuilder<unknown>> = {}
  for (const column of updatable) {
    const merge = (
      target.merge as Record<string, (r: RowRefs) => RawBuilder<unknown>> | undefined
    )?.[column]
    set[column] = merge ? merge(refs) : refs.incoming(column)
  }
  // Every table a stream loads has synced_at: when cs360 last changed the row.
  set.synced_at = sql`now()`
  const changed = target.changedWhen
    ? target.changedWhen(refs)
    : defaultChange(target, updatable, refs)
  const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length))
  const counts = { ...NO_ROWS }
  for (let i = 0; i < rows.length; i += perStatement) {
    const chunk = rows.slice(i, i + perStatement)
    const deletedColumn = target.deletedColumn
    const result = await trx
      .insertInto(target.table)
      .values(chunk as never)
      .onConflict((oc) =>
        oc
          .columns(key as never)
          .doUpdateSet(set as never)
          .where(changed as never),
      )
      .returning(
        (deletedColumn
          ? sql<boolean>`${sql.ref(deletedColumn)} is not null`
          : sql<boolean>`false`
        ).as('is_deleted') as never,
      )
      .execute()
    const affected = result as unknown as { is_deleted: boolean }[]
    counts.upserted += affected.length
    counts.deleted += affected.filter((r) => r.is_deleted).length
    counts.unchanged += chunk.length - affected.length
  }
  return counts
}

/** Two rows for one key in a statement are an error in Postgres; the later one (newer) wins. */
function lastPerKey(rows: Record<string, unknown>[], key: readonly string[]) {
  const byKey = new Map<string, Record<string, unknown>>()
  for (const row of rows) byKey.set(JSON.stringify(key.map((k) => row[k])), row)
  return [...byKey.values()]
}

/** A page's rows by key, in page order. */
function groupByKey(rows: Record<string, unknown>[], key: readonly string[]) {
  const groups = new Map<string, Record<string, unknown>[]>()
  for (const row of rows) {
    const id = JSON.stringify(key.map((k) => row[k]))
    const group = groups.get(id)
    if (group) group.push(row)
    else groups.set(id, [row])
  }
  return groups
}

/** The rows of each key in turn: round n holds the n-th row of every key that has one. */
function rounds(rows: Record<string, unknown>[], key: readonly string[]) {
  const seen = new Map<string, number>()
  const out: Record<string, unknown>[][] = []
  for (const row of rows) {
    const id = JSON.stringify(key.map((k) => row[k]))
    const n = seen.get(id) ?? 0
    seen.set(id, n + 1)
    ;(out[n] ??= []).push(row)
  }
  return out
}

function rowRefs(table: string): RowRefs {
  return {
    stored: (column) => sql.ref(`${table}.${column}`),
    incoming: (column) => sql.ref(`excluded.${column}`),
  }
}

/**
 * Replace only when the incoming row is not older and something differs: a replayed page is a
 * no-op, and re-reading an unchanged record is not an upsert.
 */
function defaultChange(
  target: LoadTarget<any>,
  columns: string[],
  refs: RowRefs,
): RawBuilder<boolean> {
  const compared = columns.filter((c) => !(target.merge && c in target.merge))
  const differs = sql<boolean>`(${sql.join(compared.map((c) => refs.stored(c)))}) is distinct from (${sql.join(
    compared.map((c) => refs.incoming(c)),
  )})`
  if (!target.versionColumn || compared.length === 0)
    return compared.length === 0 ? sql<boolean>`true` : differs
  const version = target.versionColumn
  return sql<boolean>`${refs.stored(version)} <= ${refs.incoming(version)} and ${differs}`
}
