import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Secret } from '../../config/secret.js'
import { startSalesforceSandbox, type SalesforceSandbox } from '../../sandbox/salesforce/server.js'
import { credentials, smallOrg } from '../../sandbox/salesforce/test-org.js'
import { createLogger } from '../../logger.js'
import { NoAnswerError } from '../time-limit.js'
import { connectSalesforce } from './client.js'
import { salesforceConfigSchema } from './config.js'
import { classifySalesforceError } from './errors.js'

describe('a Salesforce connection meeting transport and session faults', () => {
  let sandbox: SalesforceSandbox
  beforeAll(async () => {
    sandbox = await startSalesforceSandbox({ dataset: smallOrg(30), credentials, port: 0 })
  })
  afterAll(() => sandbox.close())

  const connect = () => {
    const config = salesforceConfigSchema.parse({
      loginUrl: sandbox.url,
      timeoutSeconds: 1,
      auth: {
        flow: 'client_credentials',
        clientId: credentials.clientId,
        clientSecret: new Secret('SF_SECRET', credentials.clientSecret),
      },
    })
    return connectSalesforce({
      config,
      log: createLogger({}, () => undefined),
      wait: async () => {},
    })
  }

  it('fails a request whose answer breaks off mid-body within the time limit, then reads again', async () => {
    const conn = await connect()
    sandbox.faults.resetNext(1, (req) => req.method === 'GET')
    // jsforce alone waits for the rest of that body forever.
    await expect(conn.query('SELECT Id FROM Account')).rejects.toBeInstanceOf(NoAnswerError)
    expect((await conn.query('SELECT Id FROM Account')).records).toHaveLength(30)
  })

  it('reports a refused session renewal as an authentication failure, which is not retried', async () => {
    const conn = await connect()
    sandbox.faults.expireTokens()
    sandbox.faults.failNext({
      status: 400,
      count: 1,
      body: { error: 'invalid_grant', error_description: 'expired access/refresh token' },
      match: (req) => req.path === '/services/oauth2/token',
    })
    const error: unknown = await conn.query('SELECT Id FROM Account').then(
      () => undefined,
      (e: unknown) => e,
    )
    const classified = classifySalesforceError(error, 'reading Account')
    expect(classified.kind).toBe('auth')
    expect(classified.message).toMatch(/^Salesforce, reading Account: authentication failed \(/)
  })
})
