import { CallLog } from '../framework/call-log.js'
import { FaultSwitches } from '../framework/faults.js'
import { startHttpServer } from '../framework/http-server.js'
import { Router } from '../framework/router.js'
import type { WriteLedger } from '../framework/write-ledger.js'
import { sandboxHandler } from '../framework/sandbox-handler.js'
import type { SandboxServer } from '../framework/sandbox-server.js'
import type { SalesforceDataset } from './dataset-schema.js'
import { salesforceErrors } from './errors.js'
import { apiRoutes, restGuard, type ApiVersions } from './routes-api.js'
import { authRoutes, type SandboxCredentials } from './routes-auth.js'
import { collectionRoutes } from './routes-collections.js'
import { describeRoutes } from './routes-describe.js'
import { queryRoutes } from './routes-query.js'
import { recordRoutes } from './routes-records.js'
import { SalesforceStore, type SfRecord } from './store.js'
import { ORG_ID, TokenIssuer } from './tokens.js'
import {
  snapshot,
  userCommitLate,
  userInsert,
  userPurge,
  userSoftDelete,
  userUpdate,
} from './user-actions.js'

export type { ApiVersions, SandboxCredentials }

export interface SalesforceSandboxOptions {
  dataset: SalesforceDataset
  credentials: SandboxCredentials
  /** 0 or unset: a free port. */
  port?: number
  /** Access token lifetime; Salesforce's default session timeout is 2 hours. */
  tokenTtlSeconds?: number
  /** The org's daily API request allowance (Sforce-Limit-Info, /limits, 403 once spent). */
  dailyApiLimit?: number
  /** API versions served under /services/data; default v50.0 to v64.0. */
  apiVersions?: ApiVersions
  /** The org's clock (SystemModstamp, token expiry, TODAY); tests pin it. */
  now?: () => number
  /** The org id the identity URL names; another id is another org to cs360. */
  orgId?: string
}

export interface SalesforceSandbox extends SandboxServer {
  system: 'salesforce'
  /** The org's state itself: tables by object, validation rules. */
  store: SalesforceStore
  writes: WriteLedger
  /** Copies of an object's records as they are now; deleted ones only when asked. */
  records(object: string, options?: { includeDeleted?: boolean }): SfRecord[]
  /** Changes a record as a user would; SystemModstamp and LastModifiedDate move. */
  update(object: string, id: string, fields: Record<string, unknown>): SfRecord
  insert(object: string, fields: Record<string, unknown>): SfRecord
  /** Moves a record to the recycle bin: gone from query, IsDeleted in queryAll. */
  softDelete(object: string, id: string): void
  /** Deletes a record for good: gone from queryAll too (recycle bin emptied). */
  purge(object: string, id: string): void
  /**
   * A change whose transaction committed late: it becomes visible now, stamped
   * `secondsAgo` seconds in the past, behind an incremental reader's cursor.
   */
  commitLate(
    object: string,
    id: string,
    fields: Record<string, unknown>,
    secondsAgo: number,
  ): SfRecord
  /** From now on the same URL and credentials reach another org (its identity URL names it). */
  switchOrg(orgId: string): void
  /** API requests counted against the daily allowance so far. */
  apiUsage(): { used: number; max: number }
}

/**
 * A local Salesforce org speaking the REST API's wire protocol, so jsforce works against it
 * unmodified: OAuth token endpoint, SOQL query/queryAll with cursors, describe, records and
 * sObject Collections, limits, Salesforce error bodies, and fault switches.
 */
export async function startSalesforceSandbox(
  options: SalesforceSandboxOptions,
): Promise<SalesforceSandbox> {
  const now = options.now ?? Date.now
  const store = new SalesforceStore(options.dataset, now)
  const dailyApiLimit = options.dailyApiLimit ?? 100_000
  const faults = new FaultSwitches({ rateLimit: { limit: dailyApiLimit } }, now)
  // Token requests are no API calls and change nothing in the org.
  const calls = new CallLog(
    (c) => !['GET', 'HEAD'].includes(c.method) && !c.path.startsWith('/services/oauth2/'),
  )
  const tokens = new TokenIssuer((options.tokenTtlSeconds ?? 7200) * 1000, faults, now)
  const versions = options.apiVersions ?? { min: 50, max: 64 }
  let baseUrl = ''

  const router = new Router()
  let orgId = options.orgId ?? ORG_ID
  authRoutes(
    router,
    () => baseUrl,
    options.credentials,
    tokens,
    () => orgId,
  )
  apiRoutes(router, faults, versions, dailyApiLimit)
  queryRoutes(router, store)
  describeRoutes(router, store)
  collectionRoutes(router, store)
  recordRoutes(router, store)
  const guard = restGuard(tokens, faults, versions, dailyApiLimit)

  const http = await startHttpServer({
    port: options.port,
    handle: sandboxHandler({
      router,
      faults,
      calls,
      errors: salesforceErrors,
      guard: guard.check,
      decorate: guard.decorate,
    }),
  })
  baseUrl = http.url
  return {
    system: 'salesforce',
    url: http.url,
    faults,
    calls,
    writes: store.writes,
    store,
    close: () => http.close(),
    records: (object, opts) => snapshot(store, object, opts?.includeDeleted ?? false),
    update: (object, id, fields) => userUpdate(store, object, id, fields),
    insert: (object, fields) => userInsert(store, object, fields),
    softDelete: (object, id) => userSoftDelete(store, object, id),
    purge: (object, id) => userPurge(store, object, id),
    commitLate: (object, id, fields, secondsAgo) =>
      userCommitLate(store, object, id, fields, secondsAgo),
    switchOrg: (id) => {
      orgId = id
    },
    apiUsage: () => ({ used: faults.usage().used, max: faults.usage().limit ?? dailyApiLimit }),
  }
}
