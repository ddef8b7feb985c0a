import { buildCompanyModel } from '../dataset/company-model.js'
import type { ConformanceKit } from '../framework/conformance-kit.js'
import type { HubspotDataset } from './dataset-schema.js'
import { renderHubspot } from './generator.js'
import type { ObjectType } from './properties.js'
import { iso, type CrmRecord } from './records.js'
import type { HubspotSandbox } from './server.js'

/** Page size of the suite's config: every stream spans three pages or more. */
const PAGE = 10
const OWNERS = 3 * PAGE + 5

/**
 * How the connector conformance suite drives the sandbox HubSpot: 40 companies with their
 * deals and owners padded to 35, read 10 a page (search and lists alike) with no lookback, so
 * that a read from a saved cursor returns exactly what changed. The suite's config uses the
 * private app, whose token never expires (OAuth renewal is tested in the connector's tests).
 */
export const hubspotConformanceKit: ConformanceKit<HubspotSandbox> = {
  section: () => {
    const { dataset } = renderHubspot(buildCompanyModel(11, '2026-11-22', 4 * PAGE), 11)
    // A sales team has far fewer owners than companies; pad them so that owners page too.
    const padding: HubspotDataset['owners'] = Array.from(
      { length: Math.max(0, OWNERS - dataset.owners.length) },
      (_, i) => ({
        id: String(49_000_000 + i * 7),
        email: `former.rep${i + 1}@cs360-demo.example`,
        firstName: 'Former',
        lastName: `Rep ${i + 1}`,
        userId: 7_300_000 + i,
        type: 'PERSON',
        createdAt: '2024-01-01T00:00:00.000Z',
        updatedAt: new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString(),
        archived: i % 3 === 0,
      }),
    )
    return { ...dataset, owners: [...dataset.owners, ...padding] }
  },
  configExtra: `    pageSize: ${PAGE}\n    lookbackSeconds: 0\n`,
  sourceIds: (server, stream) => {
    if (stream === 'owners') return server.store.owners.map((o) => o.id)
    const type = stream as ObjectType
    return [...server.records(type), ...server.records(type, { archived: true })].map((r) => r.id)
  },
  idOf: (_stream, raw) => String((raw as { id: unknown }).id),
  change: async (server) => {
    const company = server.records('companies')[3]!
    const industry = company.properties.industry === 'RETAIL' ? 'MACHINERY' : 'RETAIL'
    server.change('companies', company.id, { industry })
    await server.searchSettled()
    return { stream: 'companies', id: company.id }
  },
  // Search never shows archived records; the connector finds them in the recycle bin.
  remove: (server) => {
    const deal = server.records('deals')[5]!
    server.archive('deals', deal.id)
    return { stream: 'deals', id: deal.id }
  },
  rateLimitNext: (server) => server.faults.failNext(429, 1),
  // The suite's config authenticates as the private app, whose token never expires.
  expireTokens: () => false,
  badCredentials: (env) => ({
    ...env,
    HUBSPOT_ACCESS_TOKEN: 'pat-na1-00000000-0000-4000-8000-000000000000',
  }),
  drift: async (server) => {
    // Search returns only the properties asked for: an unknown property never reaches cs360.
    const kept = server.create('companies', { name: 'Drift Kept Inc', domain: 'driftkept.example' })
    const table = server.store.tables.companies
    const id = table.nextId()
    const stamp = iso(server.store.now())
    const broken: CrmRecord = {
      id,
      properties: { name: null, hs_object_id: id, createdate: stamp, hs_lastmodifieddate: stamp },
      createdAt: stamp,
      updatedAt: stamp,
      archived: false,
    }
    table.put(broken, server.store.now())
    await server.searchSettled()
    return { stream: 'companies', unknownField: null, keptId: kept.id, brokenId: id }
  },
}
