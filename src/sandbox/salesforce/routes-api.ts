import type { FaultSwitches } from '../framework/faults.js'
import type { SandboxRequest, SandboxResponse } from '../framework/http-server.js'
import type { Router } from '../framework/router.js'
import { notFound, sfError } from './errors.js'
import type { TokenIssuer } from './tokens.js'

/** Whole API versions served, e.g. `{ min: 50, max: 64 }` for v50.0 to v64.0. */
export interface ApiVersions {
  min: number
  max: number
}

const REST = /^\/services\/data\/v(\d+)\.(\d)(?:\/|$)/
const SEASONS = ['Winter', 'Spring', 'Summer']

/** The version list (no session needed), each version's resources, and `/limits`. */
export function apiRoutes(
  router: Router,
  faults: FaultSwitches,
  versions: ApiVersions,
  dailyApiLimit: number,
): void {
  router.on('GET', '/services/data', () => ({
    status: 200,
    body: Array.from({ length: versions.max - versions.min + 1 }, (_, i) => {
      const v = versions.min + i
      // v50.0 was Winter '21; three releases a year since.
      const release = `${SEASONS[(v - 50 + 300) % 3]} '${21 + Math.floor((v - 50) / 3)}`
      return { label: release, url: `/services/data/v${v}.0`, version: `${v}.0` }
    }),
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
  router.on('GET', '/services/data/:version/limits', () => {
    const { used, limit } = faults.usage()
    const max = limit ?? dailyApiLimit
    return {
      status: 200,
      body: {
        DailyApiRequests: { Max: max, Remaining: Math.max(0, max - used) },
        DailyBulkApiBatches: { Max: 15000, Remaining: 15000 },
        DailyBulkV2QueryJobs: { Max: 10000, Remaining: 10000 },
        DailyBulkV2QueryFileStorageMB: { Max: 976562, Remaining: 976562 },
      },
    }
  })
}

/**
 * What every REST call under /services/data/vXX.X goes through: a served version, a live
 * session (401 INVALID_SESSION_ID, on which jsforce refreshes and retries), the daily
 * allowance (403 REQUEST_LIMIT_EXCEEDED), and the Sforce-Limit-Info header on the answer.
 */
export function restGuard(
  tokens: TokenIssuer,
  faults: FaultSwitches,
  versions: ApiVersions,
  dailyApiLimit: number,
) {
  return {
    check(req: SandboxRequest): SandboxResponse | undefined {
      const m = REST.exec(req.path)
      if (!m) return undefined
      const major = Number(m[1])
      if (m[2] !== '0' || major < versions.min || major > versions.max) return notFound()
      if (!tokens.valid(req.headers.authorization))
        return sfError(401, 'INVALID_SESSION_ID', 'Session expired or invalid')
      if (!faults.useAllowance().allowed)
        return sfError(403, 'REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.')
      return undefined
    },
    decorate(req: SandboxRequest, res: SandboxResponse): SandboxResponse {
      if (!REST.test(req.path)) return res
      const { used, limit } = faults.usage()
      return {
        ...res,
        headers: {
          ...res.headers,
          'Sforce-Limit-Info': `api-usage=${used}/${limit ?? dailyApiLimit}`,
        },
      }
    },
  }
}
