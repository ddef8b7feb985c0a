import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Secret } from '../../config/secret.js'
import { SAMPLE_AGENT_EMAIL, sampleZendesk } from '../../sandbox/zendesk/sample-account.js'
import { startZendeskSandbox, type ZendeskSandbox } from '../../sandbox/zendesk/server.js'
import { testCredentials } from '../../sandbox/zendesk/test-client.js'
import { findManifest } from '../registry.js'
import { zendeskConnector } from './connector.js'
import { contextFor } from './test-context.js'

describe('Zendesk connector check', () => {
  let sandbox: ZendeskSandbox
  beforeAll(async () => {
    sandbox = await startZendeskSandbox({ dataset: sampleZendesk(), credentials: testCredentials })
  })
  afterAll(() => sandbox.close())

  it('is registered as a support source whose manifest loads this implementation', async () => {
    const manifest = findManifest('zendesk')
    expect(manifest).toMatchObject({ role: 'source', feeds: ['support'] })
    expect(await manifest.load()).toBe(zendeskConnector)
    expect(zendeskConnector.streams.map((s) => s.name)).toEqual([
      'organizations',
      'tickets',
      'satisfaction_ratings',
    ])
  })

  it('signs in with an API token or an OAuth token as the admin', async () => {
    await expect(zendeskConnector.check(contextFor(sandbox))).resolves.toMatchObject({
      ok: true,
      detail: expect.stringContaining('Ada Admin'),
    })
    const oauth = contextFor(sandbox, {
      auth: { type: 'oauth', accessToken: new Secret('ZENDESK_OAUTH', testCredentials.oauthToken) },
    })
    await expect(zendeskConnector.check(oauth)).resolves.toMatchObject({ ok: true })
  })

  it('fails with an auth error naming connectors.zendesk.auth on a bad token', async () => {
    const ctx = contextFor(sandbox, {
      auth: { type: 'api_token', email: testCredentials.email, apiToken: new Secret('T', 'nope') },
    })
    await expect(zendeskConnector.check(ctx)).rejects.toMatchObject({
      kind: 'auth',
      message: expect.stringContaining('connectors.zendesk.auth'),
    })
  })

  it('reports an agent’s credentials as not enough, and a wrong URL as a config error', async () => {
    const agent = contextFor(sandbox, {
      auth: {
        type: 'api_token',
        email: SAMPLE_AGENT_EMAIL,
        apiToken: new Secret('T', testCredentials.apiToken),
      },
    })
    await expect(zendeskConnector.check(agent)).resolves.toMatchObject({
      ok: false,
      detail: expect.stringContaining('need an admin'),
    })
    const wrongUrl = contextFor(sandbox, { url: `${sandbox.url}/support` })
    await expect(zendeskConnector.check(wrongUrl)).rejects.toMatchObject({
      kind: 'config',
      message: expect.stringContaining('connectors.zendesk.url'),
    })
  })

  it('makes an unreachable account a transient error', async () => {
    const gone = await startZendeskSandbox({
      dataset: sampleZendesk(),
      credentials: testCredentials,
    })
    await gone.close()
    await expect(zendeskConnector.check(contextFor(gone))).rejects.toMatchObject({
      kind: 'transient',
      message: expect.stringContaining('ECONNREFUSED'),
    })
  })
})
