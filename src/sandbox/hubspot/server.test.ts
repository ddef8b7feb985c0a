import { afterEach, describe, expect, it } from 'vitest'
import { HUBSPOT_SANDBOX_CREDENTIALS, INTEGRATION_USER_ID, PORTAL } from './portal.js'
import { startHubspotSandbox, type HubspotSandbox } from './server.js'
import { OWNER_IDS, sdkFor, smallPortal } from './test-portal.js'

const { accessToken, clientId, clientSecret, refreshToken } = HUBSPOT_SANDBOX_CREDENTIALS

describe('HubSpot sandbox', () => {
  let sandbox: HubspotSandbox | undefined
  afterEach(() => sandbox?.close())

  const start = async (options: Partial<Parameters<typeof startHubspotSandbox>[0]> = {}) => {
    sandbox = await startHubspotSandbox({
      dataset: smallPortal(25, { dealsPerCompany: 2 }),
      searchDelayMs: 0,
      ...options,
    })
    return sandbox
  }
  const call = (
    server: HubspotSandbox,
    path: string,
    init: RequestInit = {},
    token: string = accessToken,
  ) =>
    fetch(`${server.url}${path}`, {
      ...init,
      headers: {
        Authorization: `Bearer ${token}`,
        'Content-Type': 'application/json',
        ...init.headers,
      },
    })

  it('pages lists by `after` (10 by default, 100 at most) and lists archived records apart', async () => {
    const server = await start()
    const sdk = sdkFor(server)
    const seen: string[] = []
    let after: string | undefined
    let pages = 0
    do {
      const page = await sdk.crm.companies.basicApi.getPage(10, after, ['name'])
      seen.push(...page.results.map((r) => r.id))
      after = page.paging?.next?.after
      pages += 1
    } while (after)
    expect(pages).toBe(3)
    expect(seen).toEqual(server.records('companies').map((c) => c.id))
    expect((await call(server, '/crm/v3/objects/companies?limit=101')).status).toBe(400)

    server.archive('companies', seen[0]!)
    const archived = await sdk.crm.companies.basicApi.getPage(
      100,
      undefined,
      undefined,
      undefined,
      undefined,
      true,
    )
    expect(archived.results.map((r) => [r.id, r.archived, r.archivedAt instanceof Date])).toEqual([
      [seen[0], true, true],
    ])
    const live = await sdk.crm.companies.basicApi.getPage(100)
    expect(live.results).toHaveLength(24)

    const owners = await sdk.crm.owners.ownersApi.getPage(undefined, undefined, 1)
    expect(owners.results.map((o) => o.id)).toEqual([OWNER_IDS[0]])
    const rest = await sdk.crm.owners.ownersApi.getPage(undefined, owners.paging!.next!.after, 100)
    expect(rest.results.map((o) => o.id)).toEqual([OWNER_IDS[1]])
    const gone = await sdk.crm.owners.ownersApi.getPage(undefined, undefined, 100, true)
    expect(gone.results.map((o) => [o.id, o.archived])).toEqual([[OWNER_IDS[2], true]])
  })

  it('answers a partly failed batch update with 207, naming each failed input in context.ids', async () => {
    const server = await start()
    const [a, b] = server.records('companies')
    const response = await call(server, '/crm/v3/objects/companies/batch/update', {
      method: 'POST',
      body: JSON.stringify({
        inputs: [
          { id: a!.id, properties: { cs360_health_score: '72.5' } },
          { id: b!.id, properties: { cs360_health_score: 'high' } },
          { id: '1', properties: { cs360_health_score: '1' } },
          { id: '2', properties: { cs360_health_score: '1' } },
        ],
      }),
    })
    expect(response.status).toBe(207)
    const body = (await response.json()) as Record<string, any>
    expect(body).toMatchObject({ status: 'COMPLETE', numErrors: 2, results: [{ id: a!.id }] })
    expect(body.errors).toEqual([
      expect.objectContaining({
        category: 'VALIDATION_ERROR',
        context: { ids: [b!.id] },
        errors: [expect.objectContaining({ code: 'INVALID_FLOAT', in: 'cs360_health_score' })],
      }),
      expect.objectContaining({ category: 'OBJECT_NOT_FOUND', context: { ids: ['1', '2'] } }),
    ])
    expect(server.records('companies')[0]!.properties).toMatchObject({
      cs360_health_score: '72.5',
      hs_updated_by_user_id: String(INTEGRATION_USER_ID),
    })
    // Only the saved input is in the write ledger, with the values as stored.
    expect(server.writes.entries.map((e) => [e.object, e.recordId, e.fields])).toEqual([
      ['companies', a!.id, { cs360_health_score: '72.5' }],
    ])
    const tooMany = Array.from({ length: 101 }, () => ({ id: a!.id, properties: {} }))
    const refused = await call(server, '/crm/v3/objects/companies/batch/update', {
      method: 'POST',
      body: JSON.stringify({ inputs: tooMany }),
    })
    expect(refused.status).toBe(400)
  })

  it('refuses to page search past 10,000 results with a 400', async () => {
    let clock = Date.UTC(2026, 0, 2)
    const server = await start({ now: () => clock })
    server.createMany('companies', 10_001, (i) => ({ name: `Import ${i}` }))
    clock += 1_000
    const sdk = sdkFor(server)
    const request = (after: string) =>
      sdk.crm.companies.searchApi.doSearch({
        filterGroups: [],
        sorts: ['hs_lastmodifieddate'],
        properties: ['name'],
        limit: 200,
        after,
      })
    const last = await request('9800')
    expect(last.total).toBe(10_026)
    expect(last.results).toHaveLength(200)
    // HubSpot still offers a next page, and refuses it.
    expect(last.paging?.next?.after).toBe('10000')
    const past = await request('10000').catch((e: { code: number; body: unknown }) => e)
    expect(past).toMatchObject({
      code: 400,
      body: expect.objectContaining({ category: 'VALIDATION_ERROR' }),
    })
  })

  it('answers 409 for a property or group that exists already', async () => {
    const server = await start()
    const create = (path: string, body: object) =>
      call(server, path, { method: 'POST', body: JSON.stringify(body) })
    const property = {
      name: 'cs360_churn_risk',
      label: 'Churn risk',
      type: 'number',
      fieldType: 'number',
      groupName: 'cs360',
    }
    expect((await create('/crm/v3/properties/companies', property)).status).toBe(201)
    const again = await create('/crm/v3/properties/companies', property)
    expect(again.status).toBe(409)
    expect(await again.json()).toMatchObject({ category: 'OBJECT_ALREADY_EXISTS' })
    const group = await create('/crm/v3/properties/companies/groups', { name: 'cs360', label: 'x' })
    expect(group.status).toBe(409)
    const wrong = await create('/crm/v3/properties/companies', {
      ...property,
      name: 'x1',
      fieldType: 'select',
    })
    expect(wrong.status).toBe(400)
  })

  it('refuses over the limits with HubSpot’s 429 bodies and rate-limit headers', async () => {
    const server = await start({ rateLimitTimeScale: 0.5, dailyApiLimit: 150 })
    const answers: Response[] = []
    for (let i = 0; i < 101; i++) answers.push(await call(server, '/crm/v3/owners'))
    expect(answers[0]!.headers.get('x-hubspot-ratelimit-interval-milliseconds')).toBe('5000')
    expect(answers[0]!.headers.get('x-hubspot-ratelimit-remaining')).toBe('99')
    expect(answers[0]!.headers.get('x-hubspot-ratelimit-daily')).toBe('150')
    const refused = answers[100]!
    expect(refused.status).toBe(429)
    expect(refused.headers.get('x-hubspot-ratelimit-remaining')).toBe('0')
    expect(refused.headers.get('retry-after')).toBeNull()
    expect(await refused.json()).toMatchObject({
      status: 'error',
      message: 'You have reached your ten_secondly_rolling limit.',
      errorType: 'RATE_LIMIT',
      policyName: 'TEN_SECONDLY_ROLLING',
    })

    const search = () =>
      call(server, '/crm/v3/objects/companies/search', { method: 'POST', body: '{"limit":1}' })
    const searches = await Promise.all(Array.from({ length: 6 }, search))
    const searchRefusal = searches.find((r) => r.status === 429)!
    expect(searchRefusal.headers.get('x-hubspot-ratelimit-remaining')).toBeNull()
    expect(await searchRefusal.json()).toMatchObject({ policyName: 'SECONDLY' })

    // An injected 429 reads like the limiter's, window headers included.
    server.limiters.tenSecondly.reset()
    server.faults.failNext(429)
    const injected = await call(server, '/crm/v3/owners')
    expect(injected.status).toBe(429)
    expect(injected.headers.get('x-hubspot-ratelimit-interval-milliseconds')).toBe('5000')

    server.faults.requestAllowance = 0
    const daily = await call(server, '/crm/v3/owners')
    expect(daily.status).toBe(429)
    expect(await daily.json()).toMatchObject({
      message: 'You have reached your daily limit.',
      policyName: 'DAILY',
    })
  })

  it('answers an empty-bodied 5xx that the SDK cannot parse, without a status code', async () => {
    const server = await start()
    server.failEmptyNext(503)
    const error = (await sdkFor(server)
      .crm.owners.ownersApi.getPage()
      .catch((e: unknown) => e)) as { message: string; code?: unknown }
    expect(error.message).toBe('Cannot parse content. No Content-Type defined.')
    expect(error.code).toBeUndefined()
    expect(server.calls.statuses()).toEqual([503])
  })

  it('issues OAuth tokens for the refresh token, describes them, and expires them', async () => {
    let clock = Date.UTC(2026, 0, 2)
    const server = await start({ tokenTtlSeconds: 60, now: () => clock })
    const token = async (form: Record<string, string>) =>
      fetch(`${server.url}/oauth/v1/token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(form),
      })
    const grant = { grant_type: 'refresh_token', client_id: clientId, client_secret: clientSecret }
    const issued = await token({ ...grant, refresh_token: refreshToken })
    expect(issued.status).toBe(200)
    const body = (await issued.json()) as {
      access_token: string
      expires_in: number
      refresh_token: string
    }
    expect(body).toMatchObject({
      token_type: 'bearer',
      expires_in: 60,
      refresh_token: refreshToken,
    })
    const wrong = await token({ ...grant, client_secret: 'nope', refresh_token: refreshToken })
    expect(wrong.status).toBe(400)
    expect(await wrong.json()).toMatchObject({ status: 'BAD_CLIENT_SECRET' })

    const info = await fetch(`${server.url}/oauth/v1/access-tokens/${body.access_token}`)
    expect(await info.json()).toMatchObject({ user_id: INTEGRATION_USER_ID, hub_id: PORTAL.id })
    expect((await call(server, '/crm/v3/owners', {}, body.access_token)).status).toBe(200)
    clock += 61_000
    const expired = await call(server, '/crm/v3/owners', {}, body.access_token)
    expect(expired.status).toBe(401)
    expect(await expired.json()).toMatchObject({
      category: 'EXPIRED_AUTHENTICATION',
      message: 'The OAuth token used to make this call expired 1 second(s) ago.',
    })
    expect((await call(server, '/crm/v3/owners', {}, 'CNnot-a-token')).status).toBe(401)
  })

  it('links deals to companies through associations v4, toObjectId as a number', async () => {
    const server = await start()
    const answer = await call(server, '/crm/v4/associations/deals/companies/batch/read', {
      method: 'POST',
      body: JSON.stringify({ inputs: [{ id: '21000000000' }, { id: '1' }] }),
    })
    expect(answer.status).toBe(207)
    const body = (await answer.json()) as { results: { to: { toObjectId: unknown }[] }[] }
    expect(body.results[0]!.to[0]!.toObjectId).toBe(18_000_000_000)
  })

  it('lets tests refuse API updates, commit a change late and move the credentials to another portal', async () => {
    let clock = Date.UTC(2026, 0, 2)
    const server = await start({ now: () => clock })
    const [a, b] = server.records('companies')
    server.store.validationRules.push((_type, record) =>
      record.id === b!.id ? 'Health cannot change during a renewal freeze' : undefined,
    )
    const update = await call(server, '/crm/v3/objects/companies/batch/update', {
      method: 'POST',
      body: JSON.stringify({
        inputs: [a, b].map((c) => ({ id: c!.id, properties: { cs360_health_band: 'Healthy' } })),
      }),
    })
    expect(update.status).toBe(207)
    expect(((await update.json()) as { errors: unknown[] }).errors).toEqual([
      expect.objectContaining({
        category: 'VALIDATION_ERROR',
        context: { ids: [b!.id] },
        errors: [
          expect.objectContaining({
            code: 'VALIDATION_RULE',
            message: 'Health cannot change during a renewal freeze',
          }),
        ],
      }),
    ])
    // A person's change is no API write: the rule does not apply.
    server.change('companies', b!.id, { cs360_health_band: 'Critical' })

    clock += 60_000
    const late = server.commitLate('companies', a!.id, { industry: 'RETAIL' }, 20)
    expect(late.properties.hs_lastmodifieddate).toBe(new Date(clock - 20_000).toISOString())

    server.switchPortal(99_000_001)
    const details = await call(server, '/account-info/v3/details')
    expect(await details.json()).toMatchObject({ portalId: 99_000_001 })
  })
})
