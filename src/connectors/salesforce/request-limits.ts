import type { ConnectorContext } from '../types.js'
import type { SalesforceConfig } from './config.js'

const CONCURRENCY_RETRIES = 6

/**
 * Runs one API call, waiting out Salesforce's concurrency limit: a 403 REQUEST_LIMIT_EXCEEDED
 * that names `ConcurrentPerOrgLongTxn` (too many long requests at once in the org) clears in
 * seconds, so the read waits and goes on. The daily allowance ("TotalRequests Limit exceeded")
 * does not clear for hours; that one is left to the caller, which stops the attempt and lets
 * Temporal retry later.
 * https://developer.salesforce.com/docs/atlas.en-us.salesforce_app_limits_cheatsheet.meta/salesforce_app_limits_cheatsheet/salesforce_app_limits_platform_api.htm
 */
export async function withConcurrencyWaits<T>(
  ctx: ConnectorContext<SalesforceConfig>,
  call: () => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call()
    } catch (error) {
      const { errorCode, message } = error as { errorCode?: string; message?: string }
      const concurrency =
        errorCode === 'REQUEST_LIMIT_EXCEEDED' && /ConcurrentPerOrg/i.test(message ?? '')
      if (!concurrency || attempt > CONCURRENCY_RETRIES) throw error
      await ctx.wait(
        Math.min(30_000, 1_000 * 2 ** (attempt - 1)),
        'Salesforce concurrent request limit',
      )
    }
  }
}
