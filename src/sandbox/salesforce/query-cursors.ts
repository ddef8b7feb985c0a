import { randomBytes } from 'node:crypto'

interface Cursor {
  rows: Record<string, unknown>[]
  totalSize: number
  pageSize: number
  version: string
  usedAt: number
}

export interface QueryPage {
  totalSize: number
  done: boolean
  nextRecordsUrl?: string
  records: Record<string, unknown>[]
}

// Salesforce drops a locator after 15 minutes unused and keeps only a few open per user.
const IDLE_MS = 15 * 60_000
const MAX_OPEN = 50

/**
 * Server-side query cursors: a result set is kept as it was at query time and served in pages
 * through `nextRecordsUrl = /services/data/vXX.X/query/<locator>-<offset>`.
 */
export class QueryCursors {
  private readonly open = new Map<string, Cursor>()

  constructor(private readonly now: () => number = Date.now) {}

  /** The first page; the rest stay behind a locator when they do not fit. */
  start(rows: Record<string, unknown>[], pageSize: number, version: string): QueryPage {
    if (rows.length <= pageSize) return { totalSize: rows.length, done: true, records: rows }
    this.evict()
    // Real locators are 18-character ids with the 01g key prefix.
    const locator = `01g8Z${randomBytes(8).toString('hex').toUpperCase()}`.slice(0, 18)
    this.open.set(locator, { rows, totalSize: rows.length, pageSize, version, usedAt: this.now() })
    return this.page(locator, 0)!
  }

  /** The page at `<locator>-<offset>`; undefined for an unknown or expired locator. */
  next(locatorAndOffset: string): QueryPage | undefined {
    const m = /^(.+)-(\d+)$/.exec(locatorAndOffset)
    return m ? this.page(m[1]!, Number(m[2])) : undefined
  }

  private page(locator: string, offset: number): QueryPage | undefined {
    const cursor = this.open.get(locator)
    if (!cursor || this.now() - cursor.usedAt > IDLE_MS) return undefined
    cursor.usedAt = this.now()
    const end = offset + cursor.pageSize
    const done = end >= cursor.rows.length
    if (done) this.open.delete(locator)
    return {
      totalSize: cursor.totalSize,
      done,
      ...(done
        ? {}
        : { nextRecordsUrl: `/services/data/${cursor.version}/query/${locator}-${end}` }),
      records: cursor.rows.slice(offset, end),
    }
  }

  private evict(): void {
    for (const [locator, cursor] of this.open)
      if (this.now() - cursor.usedAt > IDLE_MS) this.open.delete(locator)
    while (this.open.size >= MAX_OPEN) this.open.delete(this.open.keys().next().value!)
  }
}
