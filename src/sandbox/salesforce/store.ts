import { WriteLedger } from '../framework/write-ledger.js'
import type { SalesforceDataset } from './dataset-schema.js'
import { sfDatetime, utcDay } from './datetimes.js'
import { newId } from './ids.js'
import { loadTables, type SfRecord, type SObjectTable } from './tables.js'
import { INTEGRATION_USER_ID } from './tokens.js'

export type { SfRecord, SObjectTable }

/** An org validation rule: returns an error message to reject a change, as Salesforce would. */
export type ValidationRule = (
  object: string,
  record: SfRecord,
  changes: Record<string, unknown>,
) => string | undefined

const STAMPS = ['CreatedDate', 'LastModifiedDate', 'SystemModstamp']

/**
 * The org's state: objects, their fields and records. Values reaching `create` and `apply` are
 * already checked (see record-writes.ts); this keeps the bookkeeping Salesforce does on save.
 */
export class SalesforceStore {
  readonly objects: Map<string, SObjectTable>
  readonly validationRules: ValidationRule[] = []
  /** Updates API clients saved, with their values (see save-results.ts). */
  readonly writes: WriteLedger
  private sequence = 1

  constructor(
    dataset: SalesforceDataset,
    /** The org's clock; tests pin it. */
    readonly now: () => number = Date.now,
  ) {
    this.objects = loadTables(dataset)
    this.writes = new WriteLedger(now)
    for (const table of this.objects.values())
      for (const record of table.records.values()) this.complete(table, record)
  }

  table(object: string): SObjectTable | undefined {
    return this.objects.get(object.toLowerCase())
  }

  /** The org's "today" for date literals (UTC). */
  today(): string {
    return utcDay(this.now())
  }

  /**
   * Salesforce keeps datetimes to the second, so changes within one second share a
   * SystemModstamp; incremental readers must cope with that, as against a real org.
   */
  private stamp(): string {
    return sfDatetime(Math.floor(this.now() / 1000) * 1000)
  }

  /** Writes checked changes and moves the modification stamps. */
  apply(table: SObjectTable, record: SfRecord, changes: Record<string, unknown>): void {
    Object.assign(record, changes)
    derive(table, record, changes)
    const stamp = this.stamp()
    record.LastModifiedDate = stamp
    record.SystemModstamp = stamp
    if (table.byName.has('lastmodifiedbyid')) record.LastModifiedById = INTEGRATION_USER_ID
  }

  create(table: SObjectTable, values: Record<string, unknown>): SfRecord {
    const record: SfRecord = { ...values, Id: newId(table.keyPrefix, this.sequence++) }
    const stamp = this.stamp()
    for (const name of STAMPS) record[name] = stamp
    for (const name of ['CreatedById', 'LastModifiedById', 'OwnerId'])
      if (table.byName.has(name.toLowerCase())) record[name] ??= INTEGRATION_USER_ID
    this.complete(table, record)
    table.records.set(record.Id, record)
    return record
  }

  softDelete(table: SObjectTable, record: SfRecord): void {
    this.apply(table, record, { IsDeleted: true })
  }

  /** Fills what Salesforce never leaves empty and leaves other unset fields null. */
  private complete(table: SObjectTable, record: SfRecord): void {
    derive(table, record, record)
    const fallbackStamp = (record.SystemModstamp as string | undefined) ?? this.stamp()
    for (const field of table.fields) {
      if (record[field.name] !== undefined) continue
      if (field.name === 'IsDeleted') record.IsDeleted = false
      else if (STAMPS.includes(field.name)) record[field.name] = fallbackStamp
      else record[field.name] = null
    }
  }
}

/**
 * Fields Salesforce computes from others (full names, an opportunity's closed/won flags). On
 * load and create (`changes` is the record itself) only empty ones are filled.
 */
function derive(table: SObjectTable, record: SfRecord, changes: Record<string, unknown>): void {
  const loading = changes === record
  if (table.name === 'User' || table.name === 'Contact') {
    if (record.LastName == null && typeof record.Name === 'string') {
      const parts = record.Name.trim().split(/\s+/)
      record.LastName = parts.pop() ?? null
      record.FirstName ??= parts.length > 0 ? parts.join(' ') : null
    }
    const renamed = !loading && ('FirstName' in changes || 'LastName' in changes)
    if (renamed || record.Name == null) {
      const parts = [record.FirstName, record.LastName].filter((p) => typeof p === 'string' && p)
      record.Name = parts.length > 0 ? parts.join(' ') : null
    }
    if (table.name === 'User') record.Username ??= record.Email ?? null
  }
  if (table.name === 'Opportunity' && typeof record.StageName === 'string') {
    const restaged = !loading && 'StageName' in changes
    if (restaged || record.IsClosed == null) record.IsClosed = /^closed/i.test(record.StageName)
    if (restaged || record.IsWon == null) record.IsWon = /^closed won$/i.test(record.StageName)
  }
}
