/** One successful write of an API client to an existing record, as the sandbox saved it. */
export interface LedgerEntry {
  object: string
  recordId: string
  /** The fields the request set, by the name the system stores them under. */
  fields: Record<string, unknown>
  at: number
}

/**
 * Every update an API client made to a record, with the values it set: what the call log (method,
 * path, status) cannot tell, and what fault tests need to find a record written twice with the
 * same value, or a value a retry never wrote. Users' own edits (user-actions) are not API writes
 * and are not kept.
 */
export class WriteLedger {
  readonly entries: LedgerEntry[] = []

  constructor(private readonly now: () => number = Date.now) {}

  record(object: string, recordId: string, fields: Record<string, unknown>): void {
    this.entries.push({ object, recordId, fields: { ...fields }, at: this.now() })
  }

  /** The writes to one record, oldest first. */
  writesTo(recordId: string): LedgerEntry[] {
    return this.entries.filter((e) => e.recordId === recordId)
  }

  reset(): void {
    this.entries.length = 0
  }
}
