import { describe, expect, it } from 'vitest'
import type { SalesforceDataset } from './dataset-schema.js'
import { runSoql, SoqlError } from './soql.js'
import { SalesforceStore } from './store.js'
import { HEALTH_FIELDS, sfId } from './test-org.js'

const NOW = Date.UTC(2026, 10, 22, 15, 30)
const owner = sfId('005', 1)
const acme = sfId('001', 1)
const globex = sfId('001', 2)
const initech = sfId('001', 3)
const gone = sfId('001', 4)

const dataset: SalesforceDataset = {
  objects: {
    ...HEALTH_FIELDS,
    Opportunity: {
      customFields: [{ name: 'Contract_End_Date__c', type: 'date', label: 'Contract End' }],
    },
  },
  records: {
    User: [
      { Id: owner, FirstName: 'Olive', LastName: 'Owner', Email: 'o@example.com', IsActive: true },
    ],
    Account: [
      {
        Id: acme,
        Name: 'Acme',
        OwnerId: owner,
        Industry: 'Media',
        AnnualRevenue: 5_000_000,
        CS360_Health_Score__c: 72.5,
        SystemModstamp: '2026-11-01T10:00:00.000+0000',
        LastActivityDate: '2026-11-21',
      },
      {
        Id: globex,
        Name: "O'Globex",
        OwnerId: owner,
        Industry: null,
        AnnualRevenue: 100,
        SystemModstamp: '2026-11-01T10:00:00Z',
        LastActivityDate: '2026-10-01',
      },
      {
        Id: initech,
        Name: 'Initech 50%',
        Industry: 'Banking',
        AnnualRevenue: null,
        SystemModstamp: '2026-11-02T00:00:00.000+0000',
      },
      {
        Id: gone,
        Name: 'Gone',
        OwnerId: owner,
        IsDeleted: true,
        SystemModstamp: '2026-11-03T00:00:00.000+0000',
      },
    ],
    Opportunity: [
      {
        Id: sfId('006', 1),
        AccountId: acme,
        OwnerId: owner,
        Name: 'Acme renewal',
        StageName: 'Closed Won',
        CloseDate: '2026-03-01',
        Amount: 48000,
        Contract_End_Date__c: '2027-02-28',
      },
      {
        Id: sfId('006', 2),
        AccountId: globex,
        OwnerId: owner,
        Name: 'Globex new',
        StageName: 'Prospecting',
        CloseDate: '2026-12-01',
        Amount: null,
      },
    ],
  },
}

const store = new SalesforceStore(dataset, () => NOW)
const query = (soql: string, includeDeleted = false) =>
  runSoql(store, soql, { includeDeleted, version: 'v62.0' })
const ids = (soql: string, includeDeleted = false) =>
  query(soql, includeDeleted).rows.map((r) => r.Id)
const failure = (soql: string) => {
  try {
    query(soql)
  } catch (error) {
    if (error instanceof SoqlError) return { errorCode: error.errorCode, message: error.message }
    throw error
  }
  throw new Error(`expected ${soql} to fail`)
}

describe('SOQL', () => {
  it('returns REST-shaped rows with canonical field names and nested parents', () => {
    const [row] = query(
      `SELECT id, name, owner.name, Account.Name FROM Opportunity WHERE Amount = 48000`,
    ).rows
    expect(row).toEqual({
      attributes: {
        type: 'Opportunity',
        url: `/services/data/v62.0/sobjects/Opportunity/${sfId('006', 1)}`,
      },
      Id: sfId('006', 1),
      Name: 'Acme renewal',
      Owner: {
        attributes: { type: 'User', url: `/services/data/v62.0/sobjects/User/${owner}` },
        Name: 'Olive Owner',
      },
      Account: {
        attributes: { type: 'Account', url: `/services/data/v62.0/sobjects/Account/${acme}` },
        Name: 'Acme',
      },
    })
    const noOwner = query(
      `SELECT Owner.Name, Account.Owner.Email FROM Account WHERE Id = '${initech}'`,
    )
    expect(noOwner.rows[0]).toMatchObject({ Owner: null })
    const deep = query(`SELECT Account.Owner.Email FROM Opportunity WHERE Name LIKE 'Acme%'`)
      .rows[0]
    expect(deep).toMatchObject({ Account: { Owner: { Email: 'o@example.com' } } })
  })

  it('counts without rows and leaves deleted rows to queryAll', () => {
    expect(query('SELECT COUNT() FROM Account')).toMatchObject({
      countOnly: true,
      totalSize: 3,
      rows: [],
    })
    expect(query('SELECT COUNT() FROM Account', true).totalSize).toBe(4)
    expect(ids('SELECT Id FROM Account WHERE IsDeleted = true', true)).toEqual([gone])
  })

  it('groups by one field into AggregateResult rows, counting non-null values, null a group too', () => {
    const result = query('SELECT Industry, COUNT(Id) FROM Account GROUP BY Industry')
    expect(result).toMatchObject({ aggregate: true, totalSize: 3 })
    expect(result.rows).toEqual(
      expect.arrayContaining([
        { attributes: { type: 'AggregateResult' }, Industry: 'Media', expr0: 1 },
        { attributes: { type: 'AggregateResult' }, Industry: null, expr0: 1 },
        { attributes: { type: 'AggregateResult' }, Industry: 'Banking', expr0: 1 },
      ]),
    )
    const withDeleted = query(
      'SELECT OwnerId owner, COUNT(Industry) n FROM Account GROUP BY OwnerId',
      true,
    ).rows
    expect(withDeleted).toEqual(
      expect.arrayContaining([
        { attributes: { type: 'AggregateResult' }, owner: owner, n: 1 },
        { attributes: { type: 'AggregateResult' }, owner: null, n: 1 },
      ]),
    )
    expect(
      query("SELECT Industry, COUNT(Id) FROM Account WHERE Name LIKE 'A%' GROUP BY Industry").rows,
    ).toEqual([{ attributes: { type: 'AggregateResult' }, Industry: 'Media', expr0: 1 }])
    expect(failure('SELECT Name, COUNT(Id) FROM Account GROUP BY Industry')).toMatchObject({
      errorCode: 'MALFORMED_QUERY',
      message: expect.stringContaining('field must be grouped or aggregated: Name'),
    })
    expect(
      failure('SELECT Industry, MAX(AnnualRevenue) FROM Account GROUP BY Industry'),
    ).toMatchObject({
      errorCode: 'MALFORMED_QUERY',
      message: expect.stringContaining('does not support'),
    })
  })

  it('applies NOT before AND before OR, with parentheses', () => {
    expect(
      ids(
        `SELECT Id FROM Account WHERE Name = 'acme' OR Name = 'Gone' AND Industry = null ORDER BY Id`,
      ),
    ).toEqual([acme])
    expect(
      ids(
        `SELECT Id FROM Account WHERE (Name = 'acme' OR Name = 'Initech 50%') AND Industry != null ORDER BY Id`,
      ),
    ).toEqual([acme, initech])
    expect(
      ids(`SELECT Id FROM Account WHERE NOT (Industry = 'Media' OR Industry = null) ORDER BY Id`),
    ).toEqual([initech])
    expect(
      ids(`SELECT Id FROM Account WHERE NOT Industry = 'Media' AND AnnualRevenue > 50 ORDER BY Id`),
    ).toEqual([globex])
  })

  it('compares datetimes with any literal form and keyset-pages by (SystemModstamp, Id)', () => {
    for (const literal of [
      '2026-11-01T10:00:00Z',
      '2026-11-01T10:00:00.000Z',
      '2026-11-01T10:00:00.000+0000',
      '2026-11-01T11:00:00+01:00',
    ])
      expect(ids(`SELECT Id FROM Account WHERE SystemModstamp = ${literal} ORDER BY Id`)).toEqual([
        acme,
        globex,
      ])
    const keyset = `SELECT Id FROM Account WHERE SystemModstamp > 2026-11-01T10:00:00Z OR (SystemModstamp = 2026-11-01T10:00:00Z AND Id > '${acme}') ORDER BY SystemModstamp, Id`
    expect(ids(keyset)).toEqual([globex, initech])
  })

  it('filters with IN, NOT IN, LIKE, !=, null and 15-character ids', () => {
    expect(
      ids(`SELECT Id FROM Account WHERE Industry IN ('media', 'Banking') ORDER BY Id`),
    ).toEqual([acme, initech])
    expect(ids(`SELECT Id FROM Account WHERE Industry NOT IN ('Media') ORDER BY Id`)).toEqual([
      globex,
      initech,
    ])
    expect(ids(`SELECT Id FROM Account WHERE Name LIKE 'o\\'g%'`)).toEqual([globex])
    expect(ids(`SELECT Id FROM Account WHERE Name LIKE '%\\%'`)).toEqual([initech])
    expect(ids(`SELECT Id FROM Account WHERE Name LIKE 'Ac_e'`)).toEqual([acme])
    expect(ids(`SELECT Id FROM Account WHERE Industry != 'Media' ORDER BY Id`)).toEqual([
      globex,
      initech,
    ])
    expect(ids(`SELECT Id FROM Account WHERE Id = '${acme.slice(0, 15)}'`)).toEqual([acme])
    expect(ids(`SELECT Id FROM Account WHERE CS360_Health_Score__c >= 72.5`)).toEqual([acme])
  })

  it('resolves date literals against the org clock', () => {
    expect(ids('SELECT Id FROM Account WHERE LastActivityDate = YESTERDAY')).toEqual([acme])
    expect(
      ids('SELECT Id FROM Account WHERE LastActivityDate = LAST_N_DAYS:60 ORDER BY Id'),
    ).toEqual([acme, globex])
    expect(ids('SELECT Id FROM Account WHERE SystemModstamp = THIS_MONTH ORDER BY Id')).toEqual([
      acme,
      globex,
      initech,
    ])
    expect(ids('SELECT Id FROM Opportunity WHERE Contract_End_Date__c > 2027-01-01')).toHaveLength(
      1,
    )
    expect(ids('SELECT Id FROM Opportunity WHERE CloseDate > TODAY')).toEqual([sfId('006', 2)])
  })

  it('orders by several keys with NULLS FIRST/LAST, then applies OFFSET and LIMIT', () => {
    expect(ids('SELECT Id FROM Account ORDER BY AnnualRevenue')).toEqual([initech, globex, acme])
    expect(ids('SELECT Id FROM Account ORDER BY AnnualRevenue DESC')).toEqual([
      acme,
      globex,
      initech,
    ])
    expect(ids('SELECT Id FROM Account ORDER BY AnnualRevenue ASC NULLS LAST')).toEqual([
      globex,
      acme,
      initech,
    ])
    expect(ids('SELECT Id FROM Account ORDER BY Owner.Name DESC NULLS LAST, Name DESC')).toEqual([
      globex,
      acme,
      initech,
    ])
    expect(ids('SELECT Id FROM Account ORDER BY Name LIMIT 1 OFFSET 1')).toEqual([initech])
  })

  it('refuses what Salesforce refuses, with its error codes', () => {
    const unknown = failure('SELECT Id, Colour__c FROM Account')
    expect(unknown.errorCode).toBe('INVALID_FIELD')
    expect(unknown.message).toContain("No such column 'Colour__c' on entity 'Account'")
    expect(unknown.message).toContain('ERROR at Row:1:Column:12')
    expect(failure('SELEC Id FROM Account').errorCode).toBe('MALFORMED_QUERY')
    expect(failure('SELECT Id FROM Widget__c').errorCode).toBe('INVALID_TYPE')
    expect(failure('SELECT Id FROM Account WHERE SystemModstamp > 2026-11-01').message).toContain(
      'must be of type dateTime',
    )
    expect(
      failure("SELECT Id FROM Account WHERE CreatedDate > '2026-11-01T00:00:00Z'").errorCode,
    ).toBe('INVALID_FIELD')
    expect(failure('SELECT Id FROM Account WHERE Name = 5').message).toContain(
      'should be enclosed in quotes',
    )
    expect(failure("SELECT Id FROM Account WHERE Id = 'nope'")).toMatchObject({
      errorCode: 'INVALID_QUERY_FILTER_OPERATOR',
      message: expect.stringContaining('invalid ID field: nope'),
    })
    expect(failure('SELECT Id FROM Account WHERE AnnualRevenue LIKE 5').errorCode).toBe(
      'INVALID_QUERY_FILTER_OPERATOR',
    )
    expect(failure('SELECT Id FROM Account OFFSET 2001').errorCode).toBe(
      'NUMBER_OUTSIDE_VALID_RANGE',
    )
    expect(failure('SELECT Id, Bogus.Name FROM Account').errorCode).toBe('INVALID_FIELD')
    expect(failure('SELECT Id, Name, name FROM Account').message).toContain(
      'duplicate field selected: Name',
    )
    expect(failure('SELECT Id, (SELECT Id FROM Opportunities) FROM Account').message).toContain(
      'does not support subqueries',
    )
  })
})
