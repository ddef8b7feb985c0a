import { copyRecord, type CrmRecord } from './records.js'

interface Entry {
  current: CrmRecord
  /**
   * The versions the search index holds, oldest first, each from `at` (epoch ms) on; `null`:
   * out of the index (archived). A write reaches search `searchDelayMs` after it happened.
   */
  indexed: { at: number; record: CrmRecord | null }[]
}

/**
 * One object type's records. Reads by id and lists see every write at once; search sees each
 * version only from `searchDelayMs` after the write, as HubSpot's index lags its database.
 */
export class ObjectTable {
  private readonly entries = new Map<string, Entry>()
  private lastId = 0

  constructor(records: readonly CrmRecord[]) {
    for (const record of records) {
      const copy = copyRecord(record)
      this.entries.set(copy.id, {
        current: copy,
        indexed: [{ at: -Infinity, record: copy.archived ? null : copy }],
      })
      this.lastId = Math.max(this.lastId, Number(copy.id))
    }
  }

  /** The next id, increasing with creation as HubSpot's are. */
  nextId(): string {
    this.lastId += 1 + (this.lastId % 7)
    return String(this.lastId)
  }

  get(id: string): CrmRecord | undefined {
    return this.entries.get(id)?.current
  }

  /** Live (or archived) records, ordered by id as list endpoints page through them. */
  list(archived: boolean): CrmRecord[] {
    return [...this.entries.values()]
      .map((e) => e.current)
      .filter((r) => r.archived === archived)
      .sort((a, b) => Number(a.id) - Number(b.id))
  }

  /** What search sees at `now`. */
  searchable(now: number): CrmRecord[] {
    const out: CrmRecord[] = []
    for (const entry of this.entries.values()) {
      let visible: CrmRecord | null = null
      let keep = 0
      entry.indexed.forEach((version, i) => {
        if (version.at <= now) {
          visible = version.record
          keep = i
        }
      })
      // Versions superseded by a visible one are never shown again.
      if (keep > 0) entry.indexed.splice(0, keep)
      if (visible) out.push(visible)
    }
    return out
  }

  /** Stores a new version of a record; search shows it from `visibleAt`. */
  put(record: CrmRecord, visibleAt: number): void {
    const copy = copyRecord(record)
    const entry = this.entries.get(copy.id)
    const version = { at: visibleAt, record: copy.archived ? null : copy }
    if (entry) {
      entry.current = copy
      entry.indexed.push(version)
    } else this.entries.set(copy.id, { current: copy, indexed: [version] })
  }

  /** Gone for good: from lists, `archived=true`, batch reads and search. */
  purge(id: string): boolean {
    return this.entries.delete(id)
  }

  get size(): number {
    return this.entries.size
  }
}
