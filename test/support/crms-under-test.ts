import { hubspotUnderTest, salesforceUnderTest, type CrmUnderTest } from './crm-under-test.js'
import type { Harness } from './harness.js'

/** Each CRM of record the contract tests run against, with what differs between them. */
export interface CrmSpec {
  id: CrmUnderTest['id']
  harness: { crm: CrmUnderTest['id'] }
  adapter(h: Harness): CrmUnderTest
  /** Records one write request carries. */
  batch: number
  /** An org or portal id other than the sandbox's own. */
  otherOrg: string
  /** Accounts live at the source now. */
  liveAccounts(h: Harness): number
}

export const crmsUnderTest: CrmSpec[] = [
  {
    id: 'salesforce',
    harness: { crm: 'salesforce' },
    adapter: salesforceUnderTest,
    batch: 200,
    otherOrg: '00D5g000004OtHrEAK',
    liveAccounts: (h) => h.salesforce.records('Account').length,
  },
  {
    id: 'hubspot',
    harness: { crm: 'hubspot' },
    adapter: hubspotUnderTest,
    batch: 100,
    otherOrg: '48123456',
    liveAccounts: (h) => hubspotUnderTest(h).accountIds().length,
  },
]
