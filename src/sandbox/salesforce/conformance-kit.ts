import { buildCompanyModel } from '../dataset/company-model.js'
import type { ConformanceKit } from '../framework/conformance-kit.js'
import { renderSalesforce } from './generator.js'
import { caseSafeSuffix } from './ids.js'
import type { SalesforceSandbox } from './server.js'

/** Salesforce's smallest query page (batchSize 200): every stream spans three pages or more. */
const PAGE = 200
const USERS = 3 * PAGE + 10

function userId(n: number): string {
  const id15 = `0055g00C${String(n).padStart(7, '0')}`
  return id15 + caseSafeSuffix(id15)
}

/** How the connector conformance suite drives the sandbox Salesforce. */
export const salesforceConformanceKit: ConformanceKit<SalesforceSandbox> = {
  section: () => {
    const { dataset } = renderSalesforce(buildCompanyModel(7, '2026-11-22', 3 * PAGE + 20), 7)
    // A sales org has far fewer users than accounts; pad them so User pages too.
    const users = dataset.records.User ?? []
    const padding = Array.from({ length: USERS - users.length }, (_, i) => ({
      Id: userId(i + 1),
      Name: `Former Rep ${i + 1}`,
      Email: `rep${i + 1}@cs360-demo.example`,
      IsActive: false,
      CreatedDate: '2024-01-01T00:00:00.000+0000',
      SystemModstamp: new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString(),
    }))
    return { ...dataset, records: { ...dataset.records, User: [...users, ...padding] } }
  },
  configExtra: `    pageSize: ${PAGE}\n    lookbackSeconds: 0\n`,
  sourceIds: (server, stream) =>
    server.records(stream, { includeDeleted: true }).map((r) => String(r.Id)),
  idOf: (_stream, raw) => String((raw as { Id: unknown }).Id),
  change: (server) => {
    const account = server.records('Account')[3]!
    server.update('Account', String(account.Id), { Industry: 'Biotechnology' })
    return { stream: 'Account', id: String(account.Id) }
  },
  remove: (server) => {
    const opportunity = server.records('Opportunity')[5]!
    server.softDelete('Opportunity', String(opportunity.Id))
    return { stream: 'Opportunity', id: String(opportunity.Id) }
  },
  // Salesforce has no 429: a burst of long requests meets the org's concurrency limit.
  rateLimitNext: (server) =>
    server.faults.failNext({
      status: 403,
      count: 1,
      body: [
        { errorCode: 'REQUEST_LIMIT_EXCEEDED', message: 'ConcurrentPerOrgLongTxn Limit exceeded' },
      ],
    }),
  expireTokens: (server) => {
    server.faults.expireTokens()
    return true
  },
  badCredentials: (env) => ({ ...env, SALESFORCE_CLIENT_SECRET: 'not-the-secret' }),
  drift: (server) => {
    // SOQL returns only the fields asked for, so an unknown field never reaches cs360.
    const kept = server.insert('Account', { Name: 'Drift Kept Ltd', Website: 'driftkept.example' })
    const table = server.store.table('Account')!
    const brokenId = `0015g00DRIFT${String(table.records.size).padStart(3, '0')}`
    const broken = { ...kept, Id: brokenId + caseSafeSuffix(brokenId), Name: null }
    table.records.set(String(broken.Id), broken)
    return {
      stream: 'Account',
      unknownField: null,
      keptId: String(kept.Id),
      brokenId: String(broken.Id),
    }
  },
}
