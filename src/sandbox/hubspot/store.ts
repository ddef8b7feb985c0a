import { WriteLedger } from '../framework/write-ledger.js'
import type { HubspotDataset } from './dataset-schema.js'
import { ObjectTable } from './object-table.js'
import { INTEGRATION_USER_ID } from './portal.js'
import { PropertySchema, type ObjectType } from './properties.js'
import { DEFAULT_PIPELINE_STAGES } from './property-catalog.js'
import {
  checkWrite,
  copyRecord,
  derive,
  iso,
  type CrmRecord,
  type PropertyProblem,
} from './records.js'

export type Owner = HubspotDataset['owners'][number]

/** A deal's link to a company (associations v4): the primary one carries both type ids. */
export interface DealCompanyLink {
  companyId: string
  primary: boolean
}

/** Who writes: the API's integration user, or a person in HubSpot (who may set derived values). */
export interface Writer {
  userId: number
  /** HubSpot's own bookkeeping (`notes_last_updated` …) changes as users work. */
  allowReadOnly?: boolean
  /** The stamp the write carries (epoch ms), when not the portal clock's now (a late commit). */
  at?: number
}

/**
 * A rule the portal’s admins set on API updates (tests: a renewal freeze): a message refuses
 * the write of that record with a VALIDATION_ERROR; a throw fails the whole request with a 500.
 */
export type ValidationRule = (
  type: ObjectType,
  record: CrmRecord,
  changes: Record<string, string | null>,
) => string | undefined

const API_WRITER: Writer = { userId: INTEGRATION_USER_ID }

export type WriteOutcome =
  { ok: true; record: CrmRecord } | { ok: false; problems: PropertyProblem[] }

const STAGE_PROBABILITY = new Map<string, string>(
  DEFAULT_PIPELINE_STAGES.map(([id, , probability]) => [id, probability]),
)

/**
 * The portal's state: property schema, owners, companies and deals, and deal → company
 * links. Every write stamps `hs_lastmodifieddate` from the portal's clock and the writing
 * user, and reaches search `searchDelayMs` later.
 */
export class HubspotStore {
  readonly schema: PropertySchema
  readonly owners: Owner[]
  readonly tables: Record<ObjectType, ObjectTable>
  /** deal id → its companies. */
  readonly dealCompanies = new Map<string, DealCompanyLink[]>()
  /** Checked on every update through the API (not on a person’s changes). */
  readonly validationRules: ValidationRule[] = []
  /** Updates API clients saved, with their values; a person's changes are not kept. */
  readonly writes: WriteLedger

  constructor(
    dataset: HubspotDataset,
    readonly now: () => number,
    public searchDelayMs: number,
  ) {
    this.writes = new WriteLedger(now)
    const loaded = iso(now())
    this.schema = new PropertySchema(dataset.properties, loaded, String(INTEGRATION_USER_ID))
    this.owners = dataset.owners.map((o) => ({ ...o }))
    const plain = ({ associations: _links, ...record }: HubspotDataset['deals'][number]) =>
      record as CrmRecord
    this.tables = {
      companies: new ObjectTable(dataset.companies as CrmRecord[]),
      deals: new ObjectTable(dataset.deals.map(plain)),
    }
    for (const deal of dataset.deals) {
      const links = deal.associations?.companies?.results ?? []
      this.dealCompanies.set(
        deal.id,
        links.map((l, i) => ({ companyId: l.id, primary: i === 0 })),
      )
    }
  }

  /** Owners that a record can be assigned to. */
  ownerIds(): Set<string> {
    return new Set(this.owners.filter((o) => !o.archived).map((o) => o.id))
  }

  create(type: ObjectType, properties: unknown, writer = API_WRITER): WriteOutcome {
    const { userId } = writer
    const checked = checkWrite(this.schema, type, properties, this.ownerIds(), writer.allowReadOnly)
    if (!checked.ok) return checked
    const table = this.tables[type]
    const id = table.nextId()
    const stamp = iso(this.now())
    const record: CrmRecord = {
      id,
      properties: {
        ...checked.values,
        hs_object_id: id,
        createdate: checked.values.createdate ?? stamp,
        hs_lastmodifieddate: stamp,
        hs_created_by_user_id: String(userId),
        hs_updated_by_user_id: String(userId),
      },
      createdAt: stamp,
      updatedAt: stamp,
      archived: false,
    }
    derive(type, record, (s) => STAGE_PROBABILITY.get(s))
    this.save(type, record)
    return { ok: true, record: copyRecord(record) }
  }

  update(
    type: ObjectType,
    id: string,
    properties: unknown,
    writer = API_WRITER,
  ): WriteOutcome | undefined {
    const current = this.tables[type].get(id)
    if (!current || current.archived) return undefined
    const checked = checkWrite(this.schema, type, properties, this.ownerIds(), writer.allowReadOnly)
    if (!checked.ok) return checked
    if (writer === API_WRITER) {
      const refused = this.validationRules
        .map((rule) => rule(type, copyRecord(current), checked.values))
        .find(Boolean)
      if (refused) {
        const name = Object.keys(checked.values)[0] ?? 'hs_object_id'
        return { ok: false, problems: [{ name, code: 'VALIDATION_RULE', message: refused }] }
      }
    }
    const record = copyRecord(current)
    Object.assign(record.properties, checked.values)
    this.touch(record, writer)
    derive(type, record, (s) => STAGE_PROBABILITY.get(s))
    this.save(type, record)
    if (writer === API_WRITER) this.writes.record(type, id, checked.values)
    return { ok: true, record: copyRecord(record) }
  }

  /**
   * Moves a record to the recycle bin: gone from lists and search, still listed with
   * `archived=true`. HubSpot does not document whether archiving moves
   * `hs_lastmodifieddate`; the sandbox leaves it and stamps `archivedAt`.
   */
  archive(type: ObjectType, id: string): boolean {
    const current = this.tables[type].get(id)
    if (!current || current.archived) return false
    const record = copyRecord(current)
    record.archived = true
    record.archivedAt = iso(this.now())
    this.save(type, record)
    return true
  }

  /** Brings a record back from the recycle bin; a restore is a write like any other. */
  restore(type: ObjectType, id: string, writer = API_WRITER): boolean {
    const current = this.tables[type].get(id)
    if (!current?.archived) return false
    const record: CrmRecord = { ...copyRecord(current), archived: false }
    delete record.archivedAt
    this.touch(record, writer)
    this.save(type, record)
    return true
  }

  /** Deletes a record for good (GDPR delete, or 90 days in the recycle bin). */
  purge(type: ObjectType, id: string): boolean {
    if (type === 'deals') this.dealCompanies.delete(id)
    else for (const links of this.dealCompanies.values()) removeLink(links, id)
    return this.tables[type].purge(id)
  }

  private touch(record: CrmRecord, writer: Writer): void {
    const stamp = iso(writer.at ?? this.now())
    record.properties.hs_lastmodifieddate = stamp
    record.properties.hs_updated_by_user_id = String(writer.userId)
    record.updatedAt = stamp
  }

  /** When the last write so far becomes visible to search (portal clock). */
  searchVisibleAt = 0

  private save(type: ObjectType, record: CrmRecord): void {
    const visibleAt = this.now() + this.searchDelayMs
    this.searchVisibleAt = Math.max(this.searchVisibleAt, visibleAt)
    this.tables[type].put(record, visibleAt)
  }
}

function removeLink(links: DealCompanyLink[], companyId: string): void {
  const at = links.findIndex((l) => l.companyId === companyId)
  if (at >= 0) links.splice(at, 1)
}
