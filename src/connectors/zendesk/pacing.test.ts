import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sampleZendesk } from '../../sandbox/zendesk/sample-account.js'
import { startZendeskSandbox, type ZendeskSandbox } from '../../sandbox/zendesk/server.js'
import { testCredentials } from '../../sandbox/zendesk/test-client.js'
import { ticketsStream } from './streams.js'
import { contextFor, idsOf, readPages } from './test-context.js'

const WINDOW_MS = 600

/**
 * A multi-minute export in scaled time: Zendesk allows 10 incremental export requests a minute;
 * the sandbox's minute is 0.6 s here and so is the connector's pacing window. 370 tickets at 10
 * a page take 38 requests, almost four windows' worth.
 */
describe('Zendesk incremental export pacing', () => {
  let sandbox: ZendeskSandbox
  beforeAll(async () => {
    sandbox = await startZendeskSandbox({
      dataset: sampleZendesk({ organizations: 37, ticketsPerOrganization: 10 }),
      credentials: testCredentials,
      tuning: { rateLimitTimeScale: WINDOW_MS / 60_000 },
    })
  })
  afterAll(() => sandbox.close())

  it('never sends more than 10 export requests in any window and never meets a 429', async () => {
    const ctx = contextFor(sandbox, { exportPageSize: 10, rateLimitWindowMs: WINDOW_MS })
    const pages = await readPages(ticketsStream, ctx)
    expect(pages.length).toBeGreaterThanOrEqual(35)
    expect(new Set(idsOf(pages)).size).toBe(370)

    const exports = sandbox.calls.calls.filter((c) => c.path.startsWith('/api/v2/incremental/'))
    expect(exports.length).toBeGreaterThanOrEqual(35)
    expect(sandbox.calls.statuses()).not.toContain(429)
    // Any span of one window, starting at any request, holds at most 10 of them.
    for (const call of exports) {
      const inWindow = exports.filter((c) => c.at >= call.at && c.at < call.at + WINDOW_MS)
      expect(inWindow.length).toBeLessThanOrEqual(10)
    }
    // The pacing waited rather than the server refusing: about a window per ten requests.
    const span = exports.at(-1)!.at - exports[0]!.at
    expect(span).toBeGreaterThanOrEqual(3 * WINDOW_MS)
    expect(ctx.waits.some((w) => w.reason.includes('pacing'))).toBe(true)
  })
})
