import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SAMPLE_AGENT_EMAIL, sampleZendesk } from './sample-account.js'
import { startZendeskSandbox, type ZendeskSandbox } from './server.js'
import { requestedUris, sdkFor, testCredentials } from './test-client.js'

const basic = (email: string, secret: string) =>
  `Basic ${Buffer.from(`${email}${secret}`).toString('base64')}`
const adminAuth = basic(testCredentials.email, `/token:${testCredentials.apiToken}`)

describe('Zendesk sandbox through node-zendesk', () => {
  let sandbox: ZendeskSandbox
  const get = (path: string, authorization = adminAuth) =>
    fetch(`${sandbox.url}${path}`, { headers: { Authorization: authorization } })

  beforeAll(async () => {
    sandbox = await startZendeskSandbox({
      dataset: sampleZendesk({ organizations: 250, ticketsPerOrganization: 1 }),
      credentials: testCredentials,
    })
  })
  afterAll(() => sandbox.close())

  it('pages organizations by cursor at 100 and node-zendesk follows links.next to the end', async () => {
    const sdk = sdkFor(sandbox)
    const uris = requestedUris(sdk.organizations)
    const organizations = (await sdk.organizations.list()) as { id: number }[]
    expect(organizations).toHaveLength(250)
    expect(new Set(organizations.map((o) => o.id)).size).toBe(250)
    expect(uris).toHaveLength(3)
    expect(uris[1]).toMatch(/page\[size\]=100&page\[after\]=/)
  })

  it('pages by offset too, capped at 100 a page and refused past page 100', async () => {
    const page3 = (await (await get('/api/v2/organizations.json?page=3&per_page=500')).json()) as {
      organizations: unknown[]
      next_page: string | null
      previous_page: string
      count: number
    }
    expect(page3.organizations).toHaveLength(50)
    expect(page3).toMatchObject({ next_page: null, count: 250 })
    expect(page3.previous_page).toContain('page=2')
    const tooDeep = await get('/api/v2/organizations.json?page=101')
    expect(tooDeep.status).toBe(400)
    const tooBig = await get('/api/v2/organizations.json?page[size]=101')
    expect(tooBig.status).toBe(400)
    expect(await tooBig.json()).toMatchObject({
      errors: [{ code: 'InvalidPaginationParameter' }],
    })
  })

  it('serves the .json suffix optionally, show, show_many and count', async () => {
    const plain = (await (await get('/api/v2/organizations/5003')).json()) as {
      organization: { id: number }
    }
    const suffixed = (await (await get('/api/v2/organizations/5003.json')).json()) as object
    expect(plain.organization.id).toBe(5003)
    expect(suffixed).toEqual(plain)
    const many = (await (
      await get('/api/v2/organizations/show_many.json?ids=5001,5002')
    ).json()) as {
      organizations: { id: number }[]
    }
    expect(many.organizations.map((o) => o.id)).toEqual([5001, 5002])
    const tooMany = Array.from({ length: 101 }, (_, i) => 5000 + i).join(',')
    expect((await get(`/api/v2/users/show_many.json?ids=${tooMany}`)).status).toBe(422)
    const users = (await (await get('/api/v2/users/show_many.json?ids=2000,2001')).json()) as {
      users: { organization_id: number }[]
    }
    expect(users.users.map((u) => u.organization_id)).toEqual([5000, 5001])
    expect(await (await get('/api/v2/organizations/count.json')).json()).toMatchObject({
      count: { value: 250 },
    })
  })

  it('answers missing records and unknown endpoints in Zendesk’s shape', async () => {
    const missing = await get('/api/v2/organizations/1.json')
    expect(missing.status).toBe(404)
    expect(await missing.json()).toEqual({ error: 'RecordNotFound', description: 'Not found' })
    const unknown = await get('/api/v2/widgets.json')
    expect(unknown.status).toBe(404)
    expect(await unknown.json()).toEqual({ error: 'InvalidEndpoint', description: 'Not found' })
    const sdk = sdkFor(sandbox, undefined, { throwOriginalException: true })
    await expect(sdk.organizations.show(1)).rejects.toMatchObject({
      statusCode: 404,
      result: { error: 'RecordNotFound' },
    })
  })

  it('knows who is signed in by API token and by OAuth token', async () => {
    const byToken = await sdkFor(sandbox).users.me()
    expect(byToken.result).toMatchObject({ email: testCredentials.email, role: 'admin' })
    const byOAuth = await sdkFor(sandbox, {
      token: testCredentials.oauthToken,
      oauth: true,
    }).users.me()
    expect(byOAuth.result).toMatchObject({ role: 'admin' })
  })

  it('refuses bad credentials with 401 and agents on admin-only endpoints with 403', async () => {
    const wrongToken = await get(
      '/api/v2/users/me.json',
      basic(testCredentials.email, '/token:nope'),
    )
    expect(wrongToken.status).toBe(401)
    expect(await wrongToken.json()).toEqual({ error: "Couldn't authenticate you" })
    // Password access is off, as on new accounts.
    expect(
      (await get('/api/v2/users/me.json', basic(testCredentials.email, ':secret'))).status,
    ).toBe(401)
    expect((await get('/api/v2/users/me.json', '')).status).toBe(401)
    const badBearer = await get('/api/v2/users/me.json', 'Bearer nope')
    expect(badBearer.status).toBe(401)
    expect(await badBearer.json()).toMatchObject({ error: 'invalid_token' })
    await expect(
      sdkFor(sandbox, { username: testCredentials.email, token: 'nope' }).users.me(),
    ).rejects.toThrow(/401/)

    const agent = basic(SAMPLE_AGENT_EMAIL, `/token:${testCredentials.apiToken}`)
    expect((await get('/api/v2/users/me.json', agent)).status).toBe(200)
    const forbidden = await get('/api/v2/incremental/tickets/cursor.json?start_time=0', agent)
    expect(forbidden.status).toBe(403)
    expect(await forbidden.json()).toMatchObject({ error: 'Forbidden' })
  })

  it('reports the account’s allowance on every answer, list headers on lists', async () => {
    const me = await get('/api/v2/users/me.json')
    expect(me.headers.get('x-rate-limit')).toBe('700')
    expect(Number(me.headers.get('x-rate-limit-remaining'))).toBeLessThan(700)
    expect(me.headers.get('ratelimit-limit')).toBeNull()
    expect(me.headers.get('content-type')).toBe('application/json; charset=utf-8')
    const denied = await get('/api/v2/users/me.json', '')
    expect(denied.headers.get('x-rate-limit')).toBe('700')
    const tickets = await get('/api/v2/tickets.json?page[size]=10')
    expect(tickets.headers.get('ratelimit-limit')).toBe('700')
    expect(Number(tickets.headers.get('ratelimit-reset'))).toBeGreaterThan(0)
    expect(tickets.headers.get('zendesk-ratelimit-tickets-index')).toMatch(
      /^total=100; remaining=99; resets=\d+$/,
    )
  })

  it('lists and counts CSAT ratings with the score and time filters', async () => {
    const sdk = sdkFor(sandbox)
    const all = (await sdk.satisfactionratings.list()) as { score: string; updated_at: string }[]
    expect(all.length).toBe(sandbox.store.ratings.size)
    const count = (await (await get('/api/v2/satisfaction_ratings/count.json')).json()) as {
      count: { value: number }
    }
    expect(count.count.value).toBe(all.length)
    const bad = (await (await get('/api/v2/satisfaction_ratings.json?score=bad')).json()) as {
      satisfaction_ratings: { score: string }[]
    }
    expect(bad.satisfaction_ratings.length).toBeGreaterThan(0)
    expect(bad.satisfaction_ratings.every((r) => r.score === 'bad')).toBe(true)
    const middle = Math.floor(Date.parse(all[Math.floor(all.length / 2)]!.updated_at) / 1000)
    const later = (await (
      await get(`/api/v2/satisfaction_ratings.json?start_time=${middle}`)
    ).json()) as { satisfaction_ratings: { updated_at: string }[] }
    expect(later.satisfaction_ratings.length).toBeLessThan(all.length)
    expect(later.satisfaction_ratings.every((r) => Date.parse(r.updated_at) / 1000 >= middle)).toBe(
      true,
    )
    expect((await get('/api/v2/satisfaction_ratings.json?score=great')).status).toBe(422)
  })

  it('validates writes as Zendesk does: 422 RecordInvalid with details per field', async () => {
    const sdk = sdkFor(sandbox, undefined, { throwOriginalException: true })
    const created = await sdk.organizations.create({ organization: { name: 'Brand New Ltd' } })
    expect(created.result).toMatchObject({ name: 'Brand New Ltd', id: expect.any(Number) })
    await expect(
      sdk.organizations.update(5001, { organization: { name: 'brand new ltd' } }),
    ).rejects.toMatchObject({
      statusCode: 422,
      result: {
        error: 'RecordInvalid',
        details: {
          name: [{ error: 'DuplicateValue', description: 'Name: has already been taken' }],
        },
      },
    })
    await expect(
      sdk.organizations.update(5001, { organization: { name: ' ' } }),
    ).rejects.toMatchObject({
      result: { details: { name: [{ error: 'BlankValue' }] } },
    })
    const closed = [...sandbox.store.tickets.values()].find((t) => t.status === 'closed')!
    await expect(
      sdk.tickets.update(closed.id, { ticket: { status: 'open' } }),
    ).rejects.toMatchObject({
      statusCode: 422,
      result: { details: { status: [{ description: 'Status: closed prevents ticket update' }] } },
    })
    const open = [...sandbox.store.tickets.values()].find((t) => t.status === 'open')!
    const wasUpdated = Date.parse(open.updated_at)
    const updated = await sdk.tickets.update(open.id, { ticket: { status: 'solved' } })
    expect(updated.result).toMatchObject({ status: 'solved' })
    expect(Date.parse(sandbox.store.tickets.get(open.id)!.updated_at)).toBeGreaterThan(wasUpdated)
    expect(sandbox.store.metrics.get(open.id)!.solved_at).not.toBeNull()
    expect(sandbox.calls.writes().map((c) => c.status)).toEqual([201, 422, 422, 422, 200])
  })
})
