import { CallLog } from '../framework/call-log.js'
import { FaultSwitches } from '../framework/faults.js'
import { listen, Router, type SandboxRequest, type SandboxResponse } from '../framework/http.js'
import type { SandboxServer } from '../framework/sandbox-server.js'
import type { SalesforceDataset } from './dataset-schema.js'
import { authRoutes, type SandboxCredentials } from './routes-auth.js'
import { queryRoutes } from './routes-query.js'
import { sobjectRoutes } from './routes-sobjects.js'
import { SalesforceStore, type SfRecord } from './store.js'
import { TokenIssuer } from './tokens.js'

export interface SalesforceSandboxOptions {
  dataset: SalesforceDataset
  credentials: SandboxCredentials
  port?: number
  /** Access token lifetime; Salesforce's default session timeout is 2 hours. */
  tokenTtlSeconds?: number
  /** The org's daily API request allowance shown in Sforce-Limit-Info. */
  dailyApiLimit?: number
}

export interface SalesforceSandbox extends SandboxServer {
  system: 'salesforce'
  store: SalesforceStore
  /** Live (non-deleted) records of an object, as the org holds them now. */
  records(object: string): SfRecord[]
  /** Changes a record as a user in Salesforce would (SystemModstamp moves forward). */
  update(object: string, id: string, fields: Record<string, unknown>): void
  insert(object: string, fields: Record<string, unknown>): SfRecord
  softDelete(object: string, id: string): void
  /** API requests counted against the daily allowance so far. */
  apiUsage(): { used: number; max: number }
}

const VERSIONS = Array.from({ length: 15 }, (_, i) => `${50 + i}.0`)

/**
 * A local Salesforce org speaking the REST API's wire protocol, so jsforce works against it
 * unmodified: OAuth token endpoint, SOQL query/queryAll with cursors, describe, sObject
 * Collections, limits, Salesforce error bodies, and fault switches.
 */
export async function startSalesforceSandbox(
  options: SalesforceSandboxOptions,
): Promise<SalesforceSandbox> {
  const store = new SalesforceStore(options.dataset)
  const faults = new FaultSwitches()
  faults.requestAllowance = undefined
  const calls = new CallLog()
  const tokens = new TokenIssuer((options.tokenTtlSeconds ?? 7200) * 1000, faults)
  const maxApi = options.dailyApiLimit ?? 100_000
  let used = 0
  let baseUrl = ''
  const today = () => new Date().toISOString().slice(0, 10)

  const router = new Router()
  authRoutes(router, () => baseUrl, options.credentials, tokens)
  router.on('GET', '/services/data', () => ({
    status: 200,
    body: VERSIONS.map((version) => ({
      label: `v${version}`,
      url: `/services/data/v${version}`,
      version,
    })),
  }))
  router.on('GET', '/services/data/:version', (req) => ({
    status: 200,
    body: Object.fromEntries(
      ['sobjects', 'query', 'queryAll', 'composite', 'limits'].map((r) => [
        r,
        `/services/data/${req.params.version}/${r}`,
      ]),
    ),
  }))
  router.on('GET', '/services/data/:version/limits', () => ({
    status: 200,
    body: { DailyApiRequests: { Max: maxApi, Remaining: Math.max(0, maxApi - used) } },
  }))
  queryRoutes(router, store, today)
  sobjectRoutes(router, store)

  const handle = async (req: SandboxRequest): Promise<SandboxResponse> => {
    if (faults.latencyMs > 0) await new Promise((r) => setTimeout(r, faults.latencyMs))
    const isRest = req.path.startsWith('/services/data/v')
    const versionOk = !isRest || VERSIONS.includes(req.path.split('/')[3]?.slice(1) ?? '')
    const route = versionOk ? router.match(req.method, req.path) : undefined
    let response: SandboxResponse
    const burst = faults.takeBurst()
    if (burst) {
      response = {
        status: burst,
        body: [
          {
            errorCode: 'SERVER_UNAVAILABLE',
            message: 'Service temporarily unavailable, please retry',
          },
        ],
      }
    } else if (!route) {
      response = {
        status: 404,
        body: [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }],
      }
    } else if (isRest && !tokens.valid(req.headers.authorization)) {
      response = {
        status: 401,
        body: [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }],
      }
    } else if (
      isRest &&
      (used >= maxApi || (faults.requestAllowance !== undefined && faults.requestAllowance <= 0))
    ) {
      response = {
        status: 403,
        body: [{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }],
      }
    } else {
      if (isRest) {
        used += 1
        if (faults.requestAllowance !== undefined) faults.requestAllowance -= 1
      }
      response = await route.handler({ ...req, params: route.params })
    }
    if (isRest)
      response.headers = { ...response.headers, 'Sforce-Limit-Info': `api-usage=${used}/${maxApi}` }
    calls.record({ method: req.method, path: req.path, status: response.status, at: Date.now() })
    return response
  }

  const http = await listen(options.port ?? 0, handle)
  baseUrl = http.url
  return {
    system: 'salesforce',
    url: http.url,
    faults,
    calls,
    store,
    close: () => http.close(),
    records: (object) =>
      [...(store.table(object)?.records.values() ?? [])].filter((r) => r.IsDeleted !== true),
    update: (object, id, fields) => {
      const table = store.table(object)
      const record = table?.records.get(id)
      if (!table || !record) throw new Error(`no ${object} ${id} in the sandbox`)
      store.apply(record, fields)
    },
    insert: (object, fields) => store.insert(object, fields),
    softDelete: (object, id) => {
      if (!store.softDelete(object, id)) throw new Error(`no live ${object} ${id} in the sandbox`)
    },
    apiUsage: () => ({ used, max: maxApi }),
  }
}
