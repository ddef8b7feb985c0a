import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { ACCOUNT_LIMIT } from './rate-limits.js'
import { sampleZendesk } from './sample-account.js'
import { startZendeskSandbox, type ZendeskSandbox } from './server.js'
import { requestedUris, sdkFor, testCredentials } from './test-client.js'

/**
 * node-zendesk 6.0.1's behaviours listed in shared/specs/zendesk/NOTES.md, reproduced against the
 * sandbox with the SDK unmodified: each is why the connector does what it does.
 */
describe('node-zendesk traps against the sandbox', () => {
  let sandbox: ZendeskSandbox
  // 1,500 tickets and 1,200 organizations, each a minute apart: more than one export page.
  beforeAll(async () => {
    sandbox = await startZendeskSandbox({
      dataset: sampleZendesk({ organizations: 1200, ticketsPerOrganization: 1.25 }),
      credentials: testCredentials,
    })
  })
  afterAll(() => sandbox.close())
  beforeEach(() => {
    sandbox.limiters.account.limit = ACCOUNT_LIMIT
    sandbox.limiters.account.reset()
    sandbox.limiters.incremental.reset()
  })

  it('429 does not throw: list() returns the rows so far plus an Error', async () => {
    sandbox.limiters.account.limit = 1
    const rows = (await sdkFor(sandbox).organizations.list()) as unknown[]
    // One page of 100 went through; the second request met the limit.
    expect(rows).toHaveLength(101)
    const last = rows.at(-1) as Error & { statusCode: number }
    expect(last).toBeInstanceOf(Error)
    expect(last.statusCode).toBe(429)
    expect(sandbox.calls.calls.at(-1)).toMatchObject({ status: 429 })
  })

  it('429 does not throw from get() either: it resolves with an Error as the result', async () => {
    sandbox.limiters.account.limit = 0
    const answer = (await sdkFor(sandbox).organizations.show(5000)) as unknown as {
      response: { status: number; headers: { get(name: string): string | null } }
      result: unknown
    }
    expect(answer.result).toBeInstanceOf(Error)
    expect(answer.response.status).toBe(429)
    expect(Number(answer.response.headers.get('retry-after'))).toBeGreaterThan(0)
  })

  it('a 5xx throws (no retries at all), a 502 resolves as if it succeeded', async () => {
    const sdk = sdkFor(sandbox)
    sandbox.faults.failNext(503, 1)
    const before = sandbox.calls.calls.length
    await expect(sdk.organizations.show(5000)).rejects.toThrow(/503/)
    expect(sandbox.calls.calls.length - before).toBe(1)
    sandbox.faults.failNext(502, 1)
    const answer = (await sdk.organizations.show(5000)) as unknown as {
      response: { status: number }
      result: unknown
    }
    expect(answer.response.status).toBe(502)
    expect(answer.result).toMatchObject({ error: 'BadGateway' })
  })

  it('tickets.incremental() and organizations.incremental() return only the first page', async () => {
    const sdk = sdkFor(sandbox)
    const tickets = (await sdk.tickets.incremental('0')) as unknown[]
    expect(tickets).toHaveLength(1000)
    expect(sandbox.store.tickets.size).toBe(1500)
    const organizations = (await sdk.organizations.incremental('0')) as unknown[]
    expect(organizations).toHaveLength(1000)
    const exports = sandbox.calls.calls.filter((c) => c.path.startsWith('/api/v2/incremental/'))
    expect(exports).toHaveLength(2)
  })

  it('exportCursor(start) sends cursor=undefined (and page[size]=100), which the API refuses', async () => {
    const sdk = sdkFor(sandbox, undefined, { throwOriginalException: true })
    const uris = requestedUris(sdk.ticketexport)
    await expect(sdk.ticketexport.exportCursor(0)).rejects.toMatchObject({
      statusCode: 422,
      result: { error: 'InvalidValue' },
    })
    expect(uris[0]).toContain('cursor=undefined')
    expect(uris[0]).toContain('page[size]=100')
  })

  it('page[size]=100 overwrites the caller’s value, incremental paths included', async () => {
    const sdk = sdkFor(sandbox)
    const listUris = requestedUris(sdk.organizations)
    const page = (await sdk.organizations.get([
      'organizations',
      { 'page[size]': 10 },
    ])) as unknown as { result: unknown[] }
    expect(page.result).toHaveLength(100)
    expect(listUris[0]).toContain('page[size]=100')
    expect(listUris[0]).not.toContain('page[size]=10&')

    const exportUris = requestedUris(sdk.ticketexport)
    const exported = (await sdk.ticketexport.get([
      'incremental',
      'tickets',
      'cursor',
      { start_time: 0 },
    ])) as unknown as { result: { tickets: unknown[] } }
    expect(exportUris[0]).toContain('page[size]=100')
    // The export pages by per_page (default 1,000) and ignores page[size].
    expect(exported.result.tickets).toHaveLength(1000)
  })

  it('satisfactionratings.incremental() returns undefined (its request floats away)', async () => {
    const before = sandbox.calls.calls.length
    const result = await sdkFor(sandbox).satisfactionratings.incremental(0)
    expect(result).toBeUndefined()
    // The request it fires without awaiting still reaches the server.
    await expect
      .poll(() => sandbox.calls.calls.slice(before).some((c) => c.path.includes('satisfaction')))
      .toBe(true)
  })
})
