import { describe, expect, it } from 'vitest'
import { salesforceConfigSchema } from './config.js'
import { Secret } from '../../config/secret.js'
import { mapAccount, mapOpportunity, mapUser } from './mapping.js'
import { soqlDatetimeFloor } from './soql-stream.js'

const config = salesforceConfigSchema.parse({
  auth: { flow: 'client_credentials', clientId: 'id', clientSecret: new Secret('S', 'v') },
})

const account = {
  Id: '001000000000001AAA',
  Name: 'Acme',
  Website: 'https://www.acme.com',
  Industry: 'Software',
  Type: 'Customer',
  NumberOfEmployees: 120,
  AnnualRevenue: 5_000_000,
  OwnerId: '005000000000001AAA',
  LastActivityDate: '2026-11-01',
  CreatedDate: '2024-01-01T00:00:00.000+0000',
  SystemModstamp: '2026-11-01T10:00:00.000+0000',
  IsDeleted: false,
}

describe('Salesforce mapping', () => {
  it('maps an Account to a customer-360 row with its domain', () => {
    const mapped = mapAccount(account, config)
    expect(mapped).toMatchObject({
      ok: true,
      rows: [
        {
          table: 'accounts',
          row: {
            source: 'salesforce',
            source_id: account.Id,
            domain: 'acme.com',
            deleted_at: null,
          },
        },
      ],
    })
  })

  it('marks a deleted Account with its deletion time', () => {
    const mapped = mapAccount({ ...account, IsDeleted: true }, config)
    expect(mapped.ok && (mapped.rows[0]!.row as { deleted_at?: unknown }).deleted_at).toBe(
      account.SystemModstamp,
    )
  })

  it('quarantines an Account without a name, naming the field', () => {
    const mapped = mapAccount({ ...account, Name: '' }, config)
    expect(mapped).toMatchObject({ ok: false, sourceId: account.Id })
    expect(!mapped.ok && mapped.reason).toMatch(/^Name:/)
  })

  it('keeps the ids other systems hold in the configured Account fields', () => {
    const withIdentity = salesforceConfigSchema.parse({
      auth: { flow: 'client_credentials', clientId: 'id', clientSecret: new Secret('S', 'v') },
      identityFields: { stripe: 'Stripe_Customer_Id__c', zendesk: 'Zendesk_Org__c' },
    })
    const mapped = mapAccount(
      { ...account, Stripe_Customer_Id__c: ' cus_123 ', Zendesk_Org__c: null },
      withIdentity,
    )
    expect(mapped.ok && mapped.rows[0]!.row).toMatchObject({
      external_ids: JSON.stringify({ stripe: 'cus_123' }),
    })
  })

  it("keeps the CSM's own health view from the configured Account field, as text", () => {
    const withCsmField = salesforceConfigSchema.parse({
      auth: { flow: 'client_credentials', clientId: 'id', clientSecret: new Secret('S', 'v') },
      csmHealthField: 'CS360_CSM_Health__c',
    })
    const csmHealth = (value: unknown, cfg = withCsmField) => {
      const mapped = mapAccount({ ...account, CS360_CSM_Health__c: value }, cfg)
      return mapped.ok && (mapped.rows[0]!.row as { csm_health?: unknown }).csm_health
    }
    expect(csmHealth(' At risk ')).toBe('At risk')
    expect(csmHealth(64)).toBe('64')
    expect(csmHealth(null)).toBeNull()
    // Without csmHealthField the field is neither read nor kept.
    expect(csmHealth('Green', config)).toBeNull()
  })

  it('quarantines a record with a malformed id and keeps going', () => {
    const mapped = mapUser({ Id: 'nope', Name: 'X', SystemModstamp: account.SystemModstamp })
    expect(mapped).toMatchObject({ ok: false, sourceId: 'nope' })
  })

  it('reads contract dates from the configured fields and flags renewals', () => {
    const mapped = mapOpportunity(
      {
        Id: '006000000000001AAA',
        AccountId: account.Id,
        Name: 'Acme renewal 2027',
        Type: 'Renewal',
        StageName: 'Negotiation/Review',
        Amount: 48_000,
        Probability: 70,
        CloseDate: '2027-02-28',
        IsClosed: false,
        IsWon: false,
        Contract_Start_Date__c: '2027-03-01',
        Contract_End_Date__c: '2028-02-29',
        SystemModstamp: account.SystemModstamp,
        IsDeleted: false,
      },
      config,
    )
    expect(mapped).toMatchObject({
      ok: true,
      rows: [
        {
          table: 'opportunities',
          row: {
            is_renewal: true,
            contract_start: '2027-03-01',
            contract_end: '2028-02-29',
            amount: 48_000,
          },
        },
      ],
    })
  })

  it('flags the opportunity types that grow an account as expansion, never a renewal', () => {
    const opportunity = (Type: string | null) => ({
      Id: '006000000000003AAA',
      AccountId: account.Id,
      Name: `Acme ${Type}`,
      Type,
      StageName: 'Proposal/Price Quote',
      Amount: 12_000,
      Probability: 75,
      CloseDate: '2027-01-15',
      IsClosed: false,
      IsWon: false,
      SystemModstamp: account.SystemModstamp,
      IsDeleted: false,
    })
    const flags = (type: string | null, c = config) => {
      const mapped = mapOpportunity(opportunity(type), c)
      if (!mapped.ok) throw new Error(mapped.reason)
      const row = mapped.rows[0]!.row as { is_renewal: boolean; is_expansion: boolean }
      return [row.is_renewal, row.is_expansion]
    }
    for (const type of ['Upsell', 'Expansion', 'Cross-sell', 'Add-on'])
      expect(flags(type), type).toEqual([false, true])
    expect(flags('Renewal')).toEqual([true, false])
    expect(flags('New Business')).toEqual([false, false])
    expect(flags(null)).toEqual([false, false])
    const seats = salesforceConfigSchema.parse({
      auth: { flow: 'client_credentials', clientId: 'id', clientSecret: new Secret('S', 'v') },
      opportunities: { expansionTypes: ['More Seats', 'Renewal'] },
    })
    expect(flags('More Seats', seats)).toEqual([false, true])
    expect(flags('Upsell', seats)).toEqual([false, false])
    // A type listed as both is a renewal: renewals are forecast by health, not by stage.
    expect(flags('Renewal', seats)).toEqual([true, false])
    expect(mapOpportunity(opportunity('Upsell'), config)).toMatchObject({
      rows: [{ row: { probability: 75, stage: 'Proposal/Price Quote' } }],
    })
  })

  it('quarantines an opportunity whose contract date is not a date', () => {
    const mapped = mapOpportunity(
      {
        Id: '006000000000002AAA',
        Name: 'Bad',
        StageName: 'Closed Won',
        IsClosed: true,
        IsWon: true,
        Contract_End_Date__c: 'next year',
        SystemModstamp: account.SystemModstamp,
      },
      config,
    )
    expect(mapped).toEqual({
      ok: false,
      sourceId: '006000000000002AAA',
      reason: 'Contract_End_Date__c: not a YYYY-MM-DD date',
    })
  })
})

describe('SOQL datetime literal', () => {
  it('floors to the second in the form SOQL accepts', () => {
    expect(soqlDatetimeFloor('2026-11-01T10:00:00.789+0000')).toBe('2026-11-01T10:00:00Z')
  })
})
