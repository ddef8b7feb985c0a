import { afterEach, describe, expect, it } from 'vitest'
import { Secret } from '../../config/secret.js'
import { Cs360Error } from '../../errors.js'
import { rateLimitBody } from '../../sandbox/hubspot/rate-limits.js'
import { startHubspotSandbox, type HubspotSandbox } from '../../sandbox/hubspot/server.js'
import { OWNER_IDS, smallPortal } from '../../sandbox/hubspot/test-portal.js'
import { findManifest } from '../registry.js'
import { hubspotConnector } from './connector.js'
import { companiesStream, dealsStream, ownersStream } from './streams.js'
import { contextFor, idsOf, readPages } from './test-context.js'

describe('HubSpot connector', () => {
  let sandbox: HubspotSandbox | undefined
  afterEach(() => sandbox?.close())

  const start = async (options: Partial<Parameters<typeof startHubspotSandbox>[0]> = {}) => {
    sandbox = await startHubspotSandbox({
      dataset: smallPortal(30, { dealsPerCompany: 2 }),
      searchDelayMs: 0,
      rateLimitTimeScale: 0.01,
      ...options,
    })
    return sandbox
  }

  it('is registered as a CRM whose manifest loads this implementation', async () => {
    const manifest = findManifest('hubspot')
    expect(manifest).toMatchObject({ role: 'crm', feeds: ['crm'] })
    expect(await manifest.load()).toBe(hubspotConnector)
    expect(hubspotConnector.streams.map((s) => s.name)).toEqual(['owners', 'companies', 'deals'])
  })

  it('checks a private app or an OAuth app and names the portal', async () => {
    const sandbox = await start()
    await expect(hubspotConnector.check(contextFor(sandbox))).resolves.toMatchObject({
      ok: true,
      detail: 'connected to HubSpot portal 24360360',
    })
    const oauth = contextFor(sandbox, {}, 'oauth')
    await expect(hubspotConnector.check(oauth)).resolves.toMatchObject({ ok: true })
    await expect(hubspotConnector.sourceAccount!(oauth)).resolves.toEqual({ id: '24360360' })
    expect(sandbox.calls.count((c) => c.path === '/oauth/v1/token')).toBe(1)
  })

  it('fails with an auth error naming connectors.hubspot.auth on bad credentials', async () => {
    const sandbox = await start()
    const badToken = contextFor(sandbox, {
      auth: { type: 'private_app', accessToken: new Secret('T', 'pat-na1-wrong') },
    })
    await expect(hubspotConnector.check(badToken)).rejects.toMatchObject({
      kind: 'auth',
      message: expect.stringContaining('connectors.hubspot.auth'),
    })
    const oauth = contextFor(sandbox, {}, 'oauth')
    const badSecret = {
      ...oauth,
      config: {
        ...oauth.config,
        auth: { ...oauth.config.auth, clientSecret: new Secret('S', 'nope') },
      } as typeof oauth.config,
    }
    const error = await hubspotConnector.check(badSecret).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(Cs360Error)
    expect(error).toMatchObject({
      kind: 'auth',
      message: expect.stringContaining('BAD_CLIENT_SECRET'),
    })
    expect((error as Error).message).not.toContain('cs360-sandbox-hubspot-client-secret')
    sandbox.scopes.delete('crm.schemas.deals.read')
    await expect(hubspotConnector.check(contextFor(sandbox))).rejects.toMatchObject({
      kind: 'auth',
      message: expect.stringContaining('crm.schemas.deals.read'),
    })
  })

  it('reports missing contract date properties with the config key to fix', async () => {
    const sandbox = await start()
    const ctx = contextFor(sandbox, { deals: { contractEndProperty: 'term_end' } })
    const result = await hubspotConnector.check(ctx)
    expect(result.ok).toBe(false)
    expect(result.detail).toBe(
      "connectors.hubspot.deals.contractEndProperty: the deal property term_end does not exist; set it to the portal's contract end date property (a date property on deals)",
    )
  })

  it('rides a storm of 429s (ten-secondly, secondly, search) without failing the read', async () => {
    const sandbox = await start()
    const ctx = contextFor(sandbox, { pageSize: 10 })
    sandbox.faults.failNext(429, 4)
    const owners = await readPages(ownersStream, ctx)
    expect(idsOf(owners).sort()).toEqual([...OWNER_IDS].sort())
    sandbox.faults.failNext({ status: 429, count: 3, body: rateLimitBody('SECONDLY') })
    // One search a window: every search after the first of a window meets a SECONDLY 429. The
    // window is 50 ms, not the shrunk 10 ms, so that back-to-back searches meet it even when a
    // loaded machine spaces them out.
    sandbox.limiters.search.limit = 1
    sandbox.limiters.search.windowMs = 50
    const companies = await readPages(companiesStream, ctx)
    expect(idsOf(companies)).toHaveLength(30)
    const deals = await readPages(dealsStream, ctx)
    expect(idsOf(deals)).toHaveLength(60)
    const refused = sandbox.calls.calls.filter((c) => c.status === 429)
    expect(refused.length).toBeGreaterThanOrEqual(9)
    expect(refused.filter((c) => c.path.endsWith('/search')).length).toBeGreaterThanOrEqual(3)
    expect(ctx.waits.filter((w) => /429/.test(w.reason)).length).toBe(refused.length)
    // The injected ten-second refusals reported the (shrunk) window: 100 ms, not 10 s.
    expect(Math.max(...ctx.waits.map((w) => w.ms))).toBeLessThanOrEqual(100)
  })

  it('retries a 503 with an empty body, which the SDK reports without a status', async () => {
    const sandbox = await start()
    const ctx = contextFor(sandbox)
    sandbox.failEmptyNext(503, 2)
    expect(idsOf(await readPages(ownersStream, ctx)).sort()).toEqual([...OWNER_IDS].sort())
    expect(sandbox.calls.statuses().slice(0, 3)).toEqual([503, 503, 200])
    expect(ctx.waits.map((w) => w.ms)).toEqual([1_000, 2_000])
    expect(ctx.waits[0]!.reason).toContain('empty 5xx')
  })

  it('survives its OAuth token expiring in the middle of a read', async () => {
    let clock = Date.now()
    const sandbox = await start({ tokenTtlSeconds: 1800, now: () => clock })
    const ctx = contextFor(sandbox, { pageSize: 5 }, 'oauth')
    const ids: string[] = []
    let page = 0
    for await (const p of companiesStream.read(ctx, null)) {
      ids.push(...idsOf([p]))
      page += 1
      // Revoked (a new install, a security reset), then expired by the clock.
      if (page === 1) sandbox.faults.expireTokens()
      if (page === 3) clock += 1_801_000
    }
    expect(ids).toHaveLength(30)
    expect(new Set(ids).size).toBe(30)
    expect(sandbox.calls.count((c) => c.status === 401)).toBe(2)
    expect(sandbox.calls.count((c) => c.path === '/oauth/v1/token')).toBe(3)
    expect(ctx.logs.join('\n')).not.toContain('na1-c360-sandbox-hubspot-refresh-token')
  })

  it('counts companies last written by the OAuth token’s user and reads them all the same', async () => {
    const sandbox = await start()
    const ctx = contextFor(sandbox, {}, 'oauth')
    const first = await readPages(companiesStream, ctx)
    const written = sandbox.records('companies').slice(0, 3)
    await hubspotConnector.writeBack!.write(
      ctx,
      written.map((c) => ({ recordId: c.id, fields: { cs360_health_score: 80 } })),
    )
    const again = await readPages(companiesStream, ctx, first.at(-1)!.checkpoint)
    expect(idsOf(again).sort()).toEqual(written.map((c) => c.id).sort())
    expect(ctx.logs.join('\n')).toMatch(
      /re-read, last changed by the integration user.*"records":3/,
    )
  })
})
