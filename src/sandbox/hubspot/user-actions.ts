import type { ObjectType } from './properties.js'
import { copyRecord, type CrmRecord } from './records.js'
import type { HubspotStore, Writer } from './store.js'

/** A person working in HubSpot: their writes also move HubSpot's own activity stamps. */
const PERSON: Writer = { userId: 7_100_000, allowReadOnly: true }

/**
 * Changes made at the source as people (or imports) make them, for tests: values are checked
 * like API writes, but HubSpot's derived properties may change too.
 */
export function userActions(store: HubspotStore) {
  const must = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(what)
    return value
  }
  const create = (type: ObjectType, properties: Record<string, unknown>): CrmRecord => {
    const outcome = store.create(type, properties, PERSON)
    if (!outcome.ok) throw new Error(outcome.problems.map((p) => p.message).join('; '))
    return outcome.record
  }
  return {
    create,
    records(type: ObjectType, options: { archived?: boolean } = {}): CrmRecord[] {
      return store.tables[type].list(options.archived ?? false).map(copyRecord)
    },
    change(type: ObjectType, id: string, properties: Record<string, unknown>): CrmRecord {
      const outcome = must(store.update(type, id, properties, PERSON), `no live ${type} ${id}`)
      if (!outcome.ok) throw new Error(outcome.problems.map((p) => p.message).join('; '))
      return outcome.record
    },
    /** An import: `count` records created in one go, all stamped by the portal clock as it stands. */
    createMany(
      type: ObjectType,
      count: number,
      properties: (i: number) => Record<string, unknown>,
    ): CrmRecord[] {
      return Array.from({ length: count }, (_, i) => create(type, properties(i)))
    },
    /**
     * A change whose commit reached the API late: visible from now on (to search after its
     * delay), stamped `secondsAgo` in the past, behind an incremental reader's cursor.
     */
    commitLate(
      type: ObjectType,
      id: string,
      properties: Record<string, unknown>,
      secondsAgo: number,
    ): CrmRecord {
      const writer = { ...PERSON, at: store.now() - secondsAgo * 1000 }
      const outcome = must(store.update(type, id, properties, writer), `no live ${type} ${id}`)
      if (!outcome.ok) throw new Error(outcome.problems.map((p) => p.message).join('; '))
      return outcome.record
    },
    archive(type: ObjectType, id: string): void {
      if (!store.archive(type, id)) throw new Error(`no live ${type} ${id}`)
    },
    restore(type: ObjectType, id: string): void {
      if (!store.restore(type, id, PERSON)) throw new Error(`no archived ${type} ${id}`)
    },
    /** Deleted for good: gone from `archived=true` too (recycle bin emptied, GDPR delete). */
    purge(type: ObjectType, id: string): void {
      if (!store.purge(type, id)) throw new Error(`no ${type} ${id}`)
    },
    /** Links a deal to a company (the first link is the primary one). */
    link(dealId: string, companyId: string): void {
      const links = store.dealCompanies.get(dealId) ?? []
      links.push({ companyId, primary: links.length === 0 })
      store.dealCompanies.set(dealId, links)
    },
  }
}

export type UserActions = ReturnType<typeof userActions>
