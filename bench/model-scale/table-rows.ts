import type { CopyValue } from './copy-rows.js'

/** One table's rows as the bench generates them: streamed, never all in memory. */
export interface TableRows {
  table: string
  columns: readonly string[]
  rows(): Iterable<readonly CopyValue[]>
}
