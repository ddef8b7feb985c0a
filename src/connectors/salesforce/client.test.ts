import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Secret } from '../../config/secret.js'
import { startSalesforceSandbox, type SalesforceSandbox } from '../../sandbox/salesforce/server.js'
import { credentials, smallOrg } from '../../sandbox/salesforce/test-org.js'
import { createLogger } from '../../logger.js'
import { NoAnswerError } from '../time-limit.js'
import { connectSalesforce } from './client.js'
import { salesforceConfigSchema } from './config.js'

describe('a Salesforce connection whose answer breaks off mid-body', () => {
  let sandbox: SalesforceSandbox
  beforeAll(async () => {
    sandbox = await startSalesforceSandbox({ dataset: smallOrg(30), credentials, port: 0 })
  })
  afterAll(() => sandbox.close())

  it('fails that request with a NoAnswerError within the time limit, then reads again', async () => {
    const config = salesforceConfigSchema.parse({
      loginUrl: sandbox.url,
      timeoutSeconds: 1,
      auth: {
        flow: 'client_credentials',
        clientId: credentials.clientId,
        clientSecret: new Secret('SF_SECRET', credentials.clientSecret),
      },
    })
    const conn = await connectSalesforce({
      config,
      log: createLogger({}, () => undefined),
      wait: async () => {},
    })
    sandbox.faults.resetNext(1, (req) => req.method === 'GET')
    // jsforce alone waits for the rest of that body forever.
    await expect(conn.query('SELECT Id FROM Account')).rejects.toBeInstanceOf(NoAnswerError)
    expect((await conn.query('SELECT Id FROM Account')).records).toHaveLength(30)
  })
})
