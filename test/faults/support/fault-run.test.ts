import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHarness, type Harness } from '../../support/harness.js'
import { duplicateWrites, lostCrmValues, lostRecords, lostRows, referenceRun } from './fault-run.js'

// The measures themselves: a run against nothing, and writes repeated by hand.
describe('the fault suite’s measures', () => {
  let synced: Harness
  let untouched: Harness
  beforeAll(async () => {
    synced = await createHarness('measure_synced', { accounts: 20, seed: 3 })
    untouched = await createHarness('measure_untouched', { accounts: 20, seed: 3 })
    await referenceRun(synced)
  })
  afterAll(async () => {
    await synced?.close()
    await untouched?.close()
  })

  it('counts every row and CRM value a run left that the other lacks, and nothing against itself', async () => {
    const rows = await lostRows(untouched.db, synced.db)
    const accounts = rows.find((t) => t.table === 'accounts')
    expect(accounts?.keys).toHaveLength(20)
    expect(rows.map((t) => t.table)).toContain('account_scores')
    const values = lostCrmValues(untouched.salesforce, synced.salesforce)
    expect(values.length).toBeGreaterThan(0)
    expect(values[0]).toMatchObject({ object: 'Account', actual: null })
    const records = new Set(values.map((v) => v.recordId)).size
    const missingRows = rows.reduce((n, t) => n + t.keys.length, 0)
    expect(await lostRecords(untouched, synced)).toBe(missingRows + records)

    expect(await lostRows(synced.db, synced.db)).toEqual([])
    expect(lostCrmValues(synced.salesforce, synced.salesforce)).toEqual([])
    expect(duplicateWrites(synced.salesforce)).toBe(0)
  })

  it('counts a write that repeats a value the record already got, not one that changes it', () => {
    const ledger = untouched.salesforce.writes
    ledger.record('Account', 'a', { Score__c: 1, Band__c: 'Healthy' })
    ledger.record('Account', 'b', { Score__c: 1 })
    ledger.record('Account', 'a', { Score__c: 2, Band__c: 'Healthy' })
    expect(duplicateWrites(untouched.salesforce)).toBe(1)
    ledger.record('Account', 'b', { Score__c: 2 })
    ledger.record('Account', 'b', { Score__c: 1 })
    expect(duplicateWrites(untouched.salesforce)).toBe(1)
    ledger.record('Account', 'b', { Score__c: 1 })
    expect(duplicateWrites(untouched.salesforce)).toBe(2)
  })
})
