import type { HubspotSandbox } from '../../src/sandbox/hubspot/server.js'
import type { SalesforceSandbox } from '../../src/sandbox/salesforce/server.js'
import type { Harness } from './harness.js'

/** The outputs the sandbox configs map by default. */
type MappedOutput = 'healthScore' | 'healthBand' | 'arr' | 'nextRenewalDate'

/**
 * What the write-back contract tests do to a CRM of record, whichever it is: the same cases
 * run against Salesforce and HubSpot through this.
 */
export interface CrmUnderTest {
  id: 'salesforce' | 'hubspot'
  /** Live account ids at the source. */
  accountIds(): string[]
  /** The values cs360's mapped fields hold on an account record now. */
  fields(accountId: string): Record<MappedOutput, unknown>
  /** What one field of the account record holds now (null when empty). */
  value(accountId: string, field: string): unknown
  /** A person types a value into a field of the account. */
  setField(accountId: string, field: string, value: unknown): void
  /** A person logs an activity on the account today: its score moves. */
  touch(accountId: string): void
  /** The account's contracts are removed (deleted at the source): it is no longer scored. */
  endContracts(accountId: string): void
  /** The account is deleted for good, invisible even to a read of deleted records. */
  purge(accountId: string): void
  /** A change to the account whose commit became visible late, stamped `secondsAgo` back. */
  commitLate(accountId: string, secondsAgo: number): { field: string; value: string }
  /** From now on the CRM refuses every write of these accounts (or all) with `message`. */
  refuse(message: string, accountIds?: string[]): void
  allowAll(): void
  /** The next write request that carries this account fails whole with a 500. */
  breakNextWriteOf(accountId: string): void
  /** Requests that changed something in the CRM so far. */
  writeRequests(): number
  /** The same URL and credentials now reach another org or portal. */
  switchOrg(id: string): void
  /** The config text mapping one output onto another field. */
  config: {
    standardField: string
    missingField: string
    /** Mapped fields as the config spells them, by output. */
    mapped: Record<MappedOutput, string>
    /** The field where CSMs keep their own health view (csmHealthField), as the config spells it. */
    csmField: string
  }
  /** The CRM's code for a record its validation refused. */
  refusalCode: string
}

export function salesforceUnderTest(h: Harness): CrmUnderTest {
  const sf: SalesforceSandbox = h.salesforce
  return {
    id: 'salesforce',
    accountIds: () => sf.records('Account').map((a) => a.Id),
    fields: (id) => {
      const a = sf.store.table('Account')!.records.get(id)!
      return {
        healthScore: a.CS360_Health_Score__c,
        healthBand: a.CS360_Health_Band__c,
        arr: a.CS360_ARR__c,
        nextRenewalDate: a.CS360_Next_Renewal__c,
      }
    },
    value: (id, field) => sf.store.table('Account')!.records.get(id)![field] ?? null,
    setField: (id, field, value) => void sf.update('Account', id, { [field]: value }),
    touch: (id) => void sf.update('Account', id, { LastActivityDate: h.dataset.asOf }),
    endContracts: (id) => {
      for (const o of sf.records('Opportunity').filter((o) => o.AccountId === id))
        sf.softDelete('Opportunity', o.Id)
    },
    purge: (id) => sf.purge('Account', id),
    commitLate: (id, secondsAgo) => {
      sf.commitLate('Account', id, { Industry: 'Late Commit Industry' }, secondsAgo)
      return { field: 'industry', value: 'Late Commit Industry' }
    },
    refuse: (message, ids) => {
      sf.store.validationRules.push((_object, record) =>
        !ids || ids.includes(record.Id) ? message : undefined,
      )
    },
    allowAll: () => {
      sf.store.validationRules.length = 0
    },
    breakNextWriteOf: (id) => {
      let broken = false
      sf.store.validationRules.push((_object, record) => {
        if (record.Id !== id || broken) return undefined
        broken = true
        throw new Error('the org failed in the middle of a save')
      })
    },
    writeRequests: () => sf.calls.writes().length,
    switchOrg: (id) => sf.switchOrg(id),
    config: {
      standardField: 'Name',
      missingField: 'Missing_Field__c',
      mapped: {
        healthScore: 'CS360_Health_Score__c',
        healthBand: 'CS360_Health_Band__c',
        arr: 'CS360_ARR__c',
        nextRenewalDate: 'CS360_Next_Renewal__c',
      },
      csmField: 'CS360_CSM_Health__c',
    },
    refusalCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
  }
}

export function hubspotUnderTest(h: Harness): CrmUnderTest {
  const hs = h.sandbox.server<HubspotSandbox>('hubspot')!
  const company = (id: string) => hs.store.tables.companies.get(id)!.properties
  const value = (v: unknown) => (v === undefined || v === '' ? null : v)
  return {
    id: 'hubspot',
    accountIds: () => hs.records('companies').map((c) => c.id),
    fields: (id) => {
      const p = company(id)
      const number = (v: unknown) => (value(v) === null ? null : Number(v))
      return {
        healthScore: number(p.cs360_health_score),
        healthBand: value(p.cs360_health_band),
        arr: number(p.cs360_arr),
        nextRenewalDate: value(p.cs360_next_renewal),
      }
    },
    value: (id, field) => value(company(id)[field]),
    setField: (id, field, v) => void hs.change('companies', id, { [field]: String(v) }),
    touch: (id) =>
      void hs.change('companies', id, {
        notes_last_updated: `${h.dataset.asOf}T12:00:00.000Z`,
      }),
    endContracts: (id) => {
      for (const [dealId, links] of hs.store.dealCompanies)
        if (
          links.some((l) => l.companyId === id) &&
          hs.store.tables.deals.get(dealId)?.archived === false
        )
          hs.archive('deals', dealId)
    },
    purge: (id) => hs.purge('companies', id),
    commitLate: (id, secondsAgo) => {
      hs.commitLate('companies', id, { industry: 'BIOTECHNOLOGY' }, secondsAgo)
      return { field: 'industry', value: 'BIOTECHNOLOGY' }
    },
    refuse: (message, ids) => {
      hs.store.validationRules.push((type, record) =>
        type === 'companies' && (!ids || ids.includes(record.id)) ? message : undefined,
      )
    },
    allowAll: () => {
      hs.store.validationRules.length = 0
    },
    breakNextWriteOf: (id) => {
      let broken = false
      hs.store.validationRules.push((_type, record) => {
        if (record.id !== id || broken) return undefined
        broken = true
        throw new Error('the portal failed in the middle of a batch')
      })
    },
    writeRequests: () => hs.calls.writes().length,
    switchOrg: (id) => hs.switchPortal(Number(id)),
    config: {
      standardField: 'name',
      missingField: 'cs360_missing_property',
      mapped: {
        healthScore: 'cs360_health_score',
        healthBand: 'cs360_health_band',
        arr: 'cs360_arr',
        nextRenewalDate: 'cs360_next_renewal',
      },
      csmField: 'cs360_csm_health',
    },
    refusalCode: 'VALIDATION_ERROR',
  }
}
