import jsforce from 'jsforce'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SalesforceDataset } from './dataset-schema.js'
import { caseSafeSuffix } from './ids.js'
import { startSalesforceSandbox, type SalesforceSandbox } from './server.js'

const credentials = { clientId: 'client', clientSecret: 'secret', refreshToken: 'refresh' }

function id(prefix: string, n: number): string {
  const id15 = `${prefix}000000${String(n).padStart(6, '0')}`
  return id15 + caseSafeSuffix(id15)
}

function dataset(accounts: number): SalesforceDataset {
  return {
    objects: {
      Account: {
        customFields: [
          {
            name: 'CS360_Health_Score__c',
            type: 'double',
            label: 'Health',
            precision: 5,
            scale: 1,
          },
          { name: 'CS360_Health_Band__c', type: 'string', label: 'Band', length: 20 },
        ],
      },
    },
    records: {
      User: [
        {
          Id: id('005', 1),
          LastName: 'Owner',
          FirstName: 'Olive',
          Email: 'olive@example.com',
          IsActive: true,
        },
      ],
      Account: Array.from({ length: accounts }, (_, i) => ({
        Id: id('001', i + 1),
        Name: `Account ${i + 1}`,
        OwnerId: id('005', 1),
        NumberOfEmployees: 10 + i,
        SystemModstamp: new Date(Date.UTC(2026, 0, 1) + (i % 50) * 1000).toISOString(),
      })),
    },
  }
}

async function clientCredentialsConnection(sandbox: SalesforceSandbox) {
  const conn = new jsforce.Connection({
    oauth2: {
      loginUrl: sandbox.url,
      clientId: credentials.clientId,
      clientSecret: credentials.clientSecret,
    },
    version: '62.0',
    refreshFn: (c, callback) => {
      c.oauth2
        .requestToken({ grant_type: 'client_credentials' })
        .then((t) => callback(null, t.access_token, t))
        .catch((e: Error) => callback(e))
    },
  })
  await conn.authorize({ grant_type: 'client_credentials' })
  return conn
}

describe('Salesforce sandbox through jsforce', () => {
  let sandbox: SalesforceSandbox
  beforeAll(async () => {
    sandbox = await startSalesforceSandbox({ dataset: dataset(4500), credentials })
  })
  afterAll(() => sandbox.close())

  it('pages a query by nextRecordsUrl at 2,000 records', async () => {
    const conn = await clientCredentialsConnection(sandbox)
    const first = await conn.query('SELECT Id, Name FROM Account ORDER BY Id', { autoFetch: false })
    expect(first.totalSize).toBe(4500)
    expect(first.records).toHaveLength(2000)
    expect(first.nextRecordsUrl).toMatch(/\/services\/data\/v62\.0\/query\/\w+-2000$/)
    const second = await conn.queryMore(first.nextRecordsUrl!)
    const third = await conn.queryMore(second.nextRecordsUrl!)
    expect(third.done).toBe(true)
    expect(third.nextRecordsUrl).toBeUndefined()
    const ids = [...first.records, ...second.records, ...third.records].map((r) => r.Id)
    expect(new Set(ids).size).toBe(4500)
    expect(first.records[0]).toMatchObject({ attributes: { type: 'Account' } })
  })

  it('honours batchSize and relationship fields', async () => {
    const conn = await clientCredentialsConnection(sandbox)
    const result = await conn.query(
      "SELECT Id, Owner.Name FROM Account WHERE Name LIKE 'account 1%'",
      {
        autoFetch: false,
        headers: { 'Sforce-Query-Options': 'batchSize=200' },
      },
    )
    expect(result.records).toHaveLength(200)
    expect(result.records[0]).toMatchObject({ Owner: { Name: 'Olive Owner' } })
  })

  it('filters by SystemModstamp keyset with precedence and parentheses', async () => {
    const conn = await clientCredentialsConnection(sandbox)
    const soql = `SELECT Id FROM Account WHERE SystemModstamp > 2026-01-01T00:00:48Z OR (SystemModstamp = 2026-01-01T00:00:48Z AND Id > '${id('001', 4000)}') ORDER BY SystemModstamp, Id`
    const result = await conn.query(soql, { autoFetch: false })
    // 49th second: i % 50 === 49 → 90 accounts; 48th second after id 4000: i ∈ {4048, 4098, …} → 10
    expect(result.totalSize).toBe(100)
    const count = await conn.query(
      'SELECT COUNT() FROM Account WHERE NOT NumberOfEmployees < 4000 AND Name != null',
    )
    expect(count.totalSize).toBe(510)
  })

  it('queryAll returns deleted rows, query does not', async () => {
    const conn = await clientCredentialsConnection(sandbox)
    sandbox.softDelete('Account', id('001', 7))
    const live = await conn.query(`SELECT Id FROM Account WHERE Id = '${id('001', 7)}'`)
    expect(live.totalSize).toBe(0)
    const all = await conn.query(`SELECT Id, IsDeleted FROM Account WHERE Id = '${id('001', 7)}'`, {
      scanAll: true,
    })
    expect(all.records[0]).toMatchObject({ IsDeleted: true })
  })

  it('rejects unknown fields with INVALID_FIELD and bad SOQL with MALFORMED_QUERY', async () => {
    const conn = await clientCredentialsConnection(sandbox)
    await expect(conn.query('SELECT Nope__c FROM Account')).rejects.toMatchObject({
      errorCode: 'INVALID_FIELD',
    })
    await expect(conn.query('SELEC Id FROM')).rejects.toMatchObject({
      errorCode: 'MALFORMED_QUERY',
    })
  })

  it('describes standard and custom fields', async () => {
    const conn = await clientCredentialsConnection(sandbox)
    const describe = await conn.sobject('Account').describe()
    const health = describe.fields.find((f) => f.name === 'CS360_Health_Score__c')
    expect(health).toMatchObject({ type: 'double', updateable: true, custom: true })
    expect(describe.fields.find((f) => f.name === 'LastActivityDate')?.updateable).toBe(false)
  })

  it('updates up to 200 records per sObject Collections call with per-record results', async () => {
    const conn = await clientCredentialsConnection(sandbox)
    const before = sandbox.calls.writes().length
    const records = Array.from({ length: 200 }, (_, i) => ({
      Id: id('001', i + 100),
      CS360_Health_Score__c: 50 + (i % 50),
    }))
    records[3] = { Id: id('001', 7), CS360_Health_Score__c: 1 }
    const results = (await conn
      .sobject('Account')
      .update(records, { allOrNone: false })) as unknown as {
      success: boolean
      errors: { statusCode: string }[]
    }[]
    expect(results).toHaveLength(200)
    expect(results.filter((r) => r.success)).toHaveLength(199)
    expect(results[3]!.errors[0]!.statusCode).toBe('ENTITY_IS_DELETED')
    expect(sandbox.store.table('Account')!.records.get(id('001', 100))!.CS360_Health_Score__c).toBe(
      50,
    )
    expect(sandbox.calls.writes().length - before).toBe(1)
    // The write ledger keeps each saved record with its values; the refused one is not there.
    const saved = sandbox.writes.entries.slice(-199)
    expect(saved[0]).toMatchObject({
      object: 'Account',
      recordId: id('001', 100),
      fields: { CS360_Health_Score__c: 50 },
    })
    expect(sandbox.writes.writesTo(id('001', 7))).toEqual([])

    const tooMany = Array.from({ length: 201 }, (_, i) => ({
      Id: id('001', i + 1),
      CS360_Health_Band__c: 'Stable',
    }))
    await expect(
      conn.sobject('Account').update(tooMany, { allOrNone: false }),
    ).rejects.toMatchObject({ errorCode: 'EXCEEDED_ID_LIMIT' })
  })

  it('rolls everything back with allOrNone when one record fails', async () => {
    const conn = await clientCredentialsConnection(sandbox)
    const results = (await conn.sobject('Account').update(
      [
        { Id: id('001', 300), CS360_Health_Band__c: 'Healthy' },
        { Id: id('001', 301), LastActivityDate: '2026-01-01' },
      ],
      { allOrNone: true },
    )) as unknown as { success: boolean; errors: { statusCode: string }[] }[]
    expect(results.map((r) => r.errors[0]?.statusCode)).toEqual([
      'ALL_OR_NONE_OPERATION_ROLLED_BACK',
      'INVALID_FIELD_FOR_INSERT_UPDATE',
    ])
    expect(
      sandbox.store.table('Account')!.records.get(id('001', 300))!.CS360_Health_Band__c,
    ).toBeNull()
    expect(sandbox.writes.writesTo(id('001', 300))).toEqual([])
  })

  it('moves SystemModstamp forward on every change', async () => {
    const before = sandbox.store.table('Account')!.records.get(id('001', 400))!
      .SystemModstamp as string
    sandbox.update('Account', id('001', 400), { Name: 'Renamed' })
    // A user's own edit is no API write.
    expect(sandbox.writes.writesTo(id('001', 400))).toEqual([])
    const after = sandbox.store.table('Account')!.records.get(id('001', 400))!
      .SystemModstamp as string
    expect(Date.parse(after)).toBeGreaterThan(Date.parse(before))
    expect(after).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0000$/)
  })

  it('refreshes an expired session transparently (refresh_token flow)', async () => {
    const conn = new jsforce.Connection({
      oauth2: { loginUrl: sandbox.url, clientId: 'client', clientSecret: 'secret' },
      version: '62.0',
      refreshToken: 'refresh',
    })
    const token = await conn.oauth2.refreshToken('refresh')
    conn.accessToken = token.access_token
    conn.instanceUrl = token.instance_url
    await conn.query('SELECT Id FROM User')
    sandbox.faults.expireTokens()
    const statuses = () => sandbox.calls.calls.map((c) => c.status)
    const before = statuses().filter((s) => s === 401).length
    const result = await conn.query('SELECT Id FROM User')
    expect(result.totalSize).toBe(1)
    expect(statuses().filter((s) => s === 401).length).toBe(before + 1)
  })

  it('rejects wrong client credentials with invalid_client', async () => {
    const conn = new jsforce.Connection({
      oauth2: { loginUrl: sandbox.url, clientId: 'client', clientSecret: 'wrong' },
    })
    await expect(conn.authorize({ grant_type: 'client_credentials' })).rejects.toMatchObject({
      name: 'invalid_client',
    })
  })

  it('answers 503 bursts, which jsforce retries through', async () => {
    const conn = await clientCredentialsConnection(sandbox)
    sandbox.calls.reset()
    sandbox.faults.failNext(503, 2)
    expect((await conn.query('SELECT Id FROM User')).totalSize).toBe(1)
    expect(sandbox.calls.calls.map((c) => c.status)).toEqual([503, 503, 200])
  })

  it('reports usage in Sforce-Limit-Info and answers REQUEST_LIMIT_EXCEEDED once the allowance is spent', async () => {
    const conn = await clientCredentialsConnection(sandbox)
    await conn.query('SELECT Id FROM User')
    expect(conn.limitInfo.apiUsage?.used).toBe(sandbox.apiUsage().used)
    sandbox.faults.requestAllowance = 1
    await conn.query('SELECT Id FROM User')
    await expect(conn.query('SELECT Id FROM User')).rejects.toMatchObject({
      errorCode: 'REQUEST_LIMIT_EXCEEDED',
    })
    sandbox.faults.reset()
  })

  it('rejects a dataset field the object does not have, naming the record', async () => {
    const broken = dataset(1)
    broken.records.Account![0]!.Colour__c = 'red'
    await expect(startSalesforceSandbox({ dataset: broken, credentials })).rejects.toThrow(
      'salesforce.records.Account[0].Colour__c',
    )
  })
})
