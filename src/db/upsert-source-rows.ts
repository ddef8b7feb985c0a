import { sql, type Insertable, type Transaction } from 'kysely'
import type { Database } from './database.js'
import type { LoadCounts } from '../connectors/types.js'

type SourceTable = 'accounts' | 'opportunities' | 'crm_users'

// Postgres caps a statement at 65,535 bind parameters; a Salesforce page is 2,000 rows of
// under 20 columns, so one statement per page stays well below it.
const MAX_PARAMETERS = 60_000

/**
 * Upserts rows keyed by (source, source_id) in as few statements as the parameter limit allows.
 * A row only replaces a stored one that is not newer, so a replayed older page (an activity
 * retried after a later page landed) cannot roll a record back.
 */
export async function upsertSourceRows<T extends SourceTable>(
  trx: Transaction<Database>,
  table: T,
  rows: Insertable<Database[T]>[],
): Promise<LoadCounts> {
  if (rows.length === 0) return { upserted: 0, deleted: 0 }
  const columns = Object.keys(rows[0]!)
  const updatable = columns.filter((c) => c !== 'source' && c !== 'source_id')
  const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length))
  for (let i = 0; i < rows.length; i += perStatement) {
    const chunk = rows.slice(i, i + perStatement)
    await trx
      .insertInto(table)
      .values(chunk as never)
      .onConflict((oc) =>
        oc
          .columns(['source', 'source_id'] as never)
          .doUpdateSet(
            Object.fromEntries([
              ...updatable.map((c) => [c, sql.ref(`excluded.${c}`)]),
              ['synced_at', sql`now()`],
            ]) as never,
          )
          .where(
            sql.ref(`${table}.source_updated_at`),
            '<=',
            sql.ref('excluded.source_updated_at'),
          ),
      )
      .execute()
  }
  const deleted = rows.filter((r) => 'deleted_at' in r && r.deleted_at != null).length
  return { upserted: rows.length - deleted, deleted }
}
