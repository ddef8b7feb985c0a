import { Client } from '@hubspot/api-client'
import type { HubspotDataset } from './dataset-schema.js'
import { CS360_COMPANY_PROPERTIES, HUBSPOT_CUSTOM_PROPERTIES } from './generator.js'
import { HUBSPOT_SANDBOX_CREDENTIALS } from './portal.js'
import type { HubspotSandbox } from './server.js'

/** Test support: a small portal, and SDK clients pointed at a sandbox as cs360 points them. */
export const OWNER_IDS = ['41000101', '41000202', '41000303'] as const

const at = (ms: number) => new Date(ms).toISOString()
const BASE = Date.UTC(2026, 0, 1)

/**
 * A portal where cs360's properties exist already: three owners (the last deactivated),
 * `companies` companies modified a minute apart (every `sameStampEvery`-th shares its stamp
 * with the one before), and `dealsPerCompany` deals per company linked to it.
 */
export function smallPortal(
  companies: number,
  options: { dealsPerCompany?: number; sameStampEvery?: number } = {},
): HubspotDataset {
  const owners = OWNER_IDS.map((id, i) => ({
    id,
    email: `owner${i + 1}@cs360-demo.example`,
    firstName: 'Owner',
    lastName: String(i + 1),
    userId: 7_100_000 + i,
    type: 'PERSON' as const,
    createdAt: at(BASE),
    updatedAt: at(BASE + i * 1000),
    archived: i === 2,
  }))
  let minute = 0
  const companyRecords = Array.from({ length: companies }, (_, i) => {
    if (!options.sameStampEvery || i % options.sameStampEvery !== 0) minute += 1
    const id = String(18_000_000_000 + i * 10)
    const stamp = at(BASE + minute * 60_000)
    return {
      id,
      properties: {
        name: `Company ${i}`,
        domain: `company${i}.example`,
        hubspot_owner_id: OWNER_IDS[i % 2]!,
        annualrevenue: String(1_000_000 + i),
        numberofemployees: String(10 + i),
        industry: 'COMPUTER_SOFTWARE',
        lifecyclestage: 'customer',
        notes_last_updated: at(BASE - 86_400_000),
        createdate: at(BASE),
        hs_lastmodifieddate: stamp,
        hs_object_id: id,
      },
      createdAt: at(BASE),
      updatedAt: stamp,
      archived: false,
    }
  })
  const deals = companyRecords.flatMap((company, c) =>
    Array.from({ length: options.dealsPerCompany ?? 0 }, (_, d) => {
      const id = String(21_000_000_000 + c * 100 + d)
      const stamp = company.properties.hs_lastmodifieddate
      return {
        id,
        properties: {
          dealname: `${company.properties.name} — Renewal ${2026 + d}`,
          amount: String(10_000 + d),
          closedate: at(BASE + 30 * 86_400_000),
          pipeline: 'default',
          dealstage: d === 0 ? 'closedwon' : 'contractsent',
          dealtype: d === 0 ? 'newbusiness' : 'renewal',
          hs_forecast_probability: d === 0 ? '1' : '0.9',
          hubspot_owner_id: OWNER_IDS[0],
          contract_start_date: '2026-02-01',
          contract_end_date: '2027-01-31',
          createdate: at(BASE),
          hs_lastmodifieddate: stamp,
          hs_object_id: id,
        },
        createdAt: at(BASE),
        updatedAt: stamp,
        archived: false,
        associations: { companies: { results: [{ id: company.id, type: 'deal_to_company' }] } },
      }
    }),
  )
  return {
    properties: { companies: CS360_COMPANY_PROPERTIES, deals: HUBSPOT_CUSTOM_PROPERTIES.deals },
    owners,
    companies: companyRecords,
    deals,
  }
}

/** The official SDK on the sandbox with the private app's token. */
export function sdkFor(sandbox: HubspotSandbox, options: { numberOfApiCallRetries?: number } = {}) {
  return new Client({
    accessToken: HUBSPOT_SANDBOX_CREDENTIALS.accessToken,
    basePath: sandbox.url,
    ...options,
  })
}
