import jsforce from 'jsforce'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSalesforceSandbox, type SalesforceSandbox } from './server.js'
import { clientCredentialsConnection, credentials, smallOrg } from './test-org.js'

describe('Salesforce sandbox OAuth through jsforce', () => {
  let sandbox: SalesforceSandbox
  let now = Date.UTC(2026, 10, 22, 12)
  beforeAll(async () => {
    sandbox = await startSalesforceSandbox({
      dataset: smallOrg(3),
      credentials,
      tokenTtlSeconds: 60,
      now: () => now,
    })
  })
  afterAll(() => sandbox.close())

  const oauth2 = () => ({
    loginUrl: sandbox.url,
    clientId: credentials.clientId,
    clientSecret: credentials.clientSecret,
  })

  it('logs in with client_credentials and reaches the org at instance_url', async () => {
    const conn = new jsforce.Connection({ oauth2: oauth2(), version: '62.0' })
    const user = await conn.authorize({ grant_type: 'client_credentials' })
    expect(conn.instanceUrl).toBe(sandbox.url)
    expect(user.organizationId).toMatch(/^00D/)
    expect((await conn.query('SELECT Id FROM Account')).totalSize).toBe(3)
    expect((await conn.identity()).user_id).toBe(user.id)
  })

  it('logs in with a refresh token on the first 401 and renews the session when it expires', async () => {
    const conn = new jsforce.Connection({
      oauth2: oauth2(),
      instanceUrl: sandbox.url,
      refreshToken: credentials.refreshToken,
      version: '62.0',
    })
    const refreshed: string[] = []
    conn.on('refresh', (token: string) => refreshed.push(token))
    sandbox.calls.reset()
    expect((await conn.query('SELECT Id FROM Account')).totalSize).toBe(3)
    expect(sandbox.calls.statuses()).toEqual([401, 200, 200])
    expect(refreshed).toHaveLength(1)

    now += 61_000
    expect((await conn.query('SELECT Id FROM User')).totalSize).toBe(1)
    expect(refreshed).toHaveLength(2)
    expect(sandbox.calls.statuses().slice(3)).toEqual([401, 200, 200])
    expect(sandbox.calls.writes()).toHaveLength(0)
  })

  it('renews a client_credentials session through a refreshFn after expireTokens()', async () => {
    const conn = await clientCredentialsConnection(sandbox)
    sandbox.faults.expireTokens()
    expect((await conn.query('SELECT Id FROM Account')).totalSize).toBe(3)
  })

  it('cannot renew a client_credentials session with jsforce’s built-in refresh alone', async () => {
    const conn = new jsforce.Connection({ oauth2: oauth2(), version: '62.0' })
    await conn.authorize({ grant_type: 'client_credentials' })
    sandbox.faults.expireTokens()
    await expect(conn.query('SELECT Id FROM Account')).rejects.toThrow(/No refresh token/)
  })

  it('refuses bad client credentials and refresh tokens as Salesforce does', async () => {
    const token = (form: Record<string, string>) =>
      fetch(`${sandbox.url}/services/oauth2/token`, {
        method: 'POST',
        body: new URLSearchParams(form),
      }).then(async (r) => ({ status: r.status, body: (await r.json()) as { error?: string } }))
    const base = { client_id: credentials.clientId, client_secret: credentials.clientSecret }
    expect(await token({ ...base, grant_type: 'client_credentials', client_secret: 'x' })).toEqual({
      status: 400,
      body: { error: 'invalid_client', error_description: 'invalid client credentials' },
    })
    expect(
      (await token({ ...base, grant_type: 'client_credentials', client_id: 'x' })).body,
    ).toEqual({ error: 'invalid_client_id', error_description: 'client identifier invalid' })
    expect(
      (await token({ ...base, grant_type: 'refresh_token', refresh_token: 'x' })).body,
    ).toEqual({
      error: 'invalid_grant',
      error_description: 'expired access/refresh token',
    })
    expect((await token({ ...base, grant_type: 'password' })).body.error).toBe(
      'unsupported_grant_type',
    )
    const basic = await fetch(`${sandbox.url}/services/oauth2/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'client_credentials' }),
      headers: {
        Authorization: `Basic ${Buffer.from(`${base.client_id}:${base.client_secret}`).toString('base64')}`,
      },
    })
    expect(await basic.json()).toMatchObject({ token_type: 'Bearer', instance_url: sandbox.url })
  })

  it('answers a revoked or missing token with 401 INVALID_SESSION_ID', async () => {
    const conn = await clientCredentialsConnection(sandbox)
    const revoke = await fetch(`${sandbox.url}/services/oauth2/revoke`, {
      method: 'POST',
      body: new URLSearchParams({ token: conn.accessToken! }),
    })
    expect(revoke.status).toBe(200)
    const res = await fetch(`${sandbox.url}/services/data/v62.0/limits`, {
      headers: { Authorization: `Bearer ${conn.accessToken}` },
    })
    expect(res.status).toBe(401)
    expect(await res.json()).toEqual([
      { message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' },
    ])
  })
})
