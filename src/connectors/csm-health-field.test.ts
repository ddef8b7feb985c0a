import { describe, expect, it } from 'vitest'
import { Secret } from '../config/secret.js'
import { hubspotConfigSchema } from './hubspot/config.js'
import { mapCompany } from './hubspot/mapping.js'
import { salesforceConfigSchema } from './salesforce/config.js'
import { csmHealthFieldProblems, csmHealthText } from './csm-health-field.js'
import type { CrmField } from './types.js'

const salesforceAuth = {
  flow: 'client_credentials',
  clientId: 'id',
  clientSecret: new Secret('SALESFORCE_CLIENT_SECRET', 'v'),
}
const hubspotAuth = {
  type: 'private_app',
  accessToken: new Secret('HUBSPOT_ACCESS_TOKEN', 'v'),
}

describe("the CSM's health field in the config", () => {
  it('refuses a Salesforce write-back mapping onto the CSM field, whatever its case', () => {
    const parsed = salesforceConfigSchema.safeParse({
      auth: salesforceAuth,
      csmHealthField: 'CS360_CSM_Health__c',
      writeBack: {
        fields: { healthScore: 'CS360_Health_Score__c', healthBand: 'cs360_csm_health__C' },
      },
    })
    expect(parsed.success).toBe(false)
    expect(parsed.error!.issues).toEqual([
      expect.objectContaining({
        path: ['writeBack', 'fields', 'healthBand'],
        message: expect.stringContaining("cs360 never overwrites a person's judgement") as string,
      }),
    ])
  })

  it('refuses a HubSpot write-back mapping onto the CSM property', () => {
    const parsed = hubspotConfigSchema.safeParse({
      auth: hubspotAuth,
      csmHealthField: 'cs360_csm_health',
      writeBack: { fields: { healthStatus: 'cs360_csm_health' } },
    })
    expect(parsed.success).toBe(false)
    expect(parsed.error!.issues[0]).toMatchObject({
      path: ['writeBack', 'fields', 'healthStatus'],
    })
  })

  it('accepts a CSM field no output is mapped onto, and no CSM field at all', () => {
    const sf = salesforceConfigSchema.parse({
      auth: salesforceAuth,
      csmHealthField: 'CS360_CSM_Health__c',
    })
    expect(sf.csmHealthField).toBe('CS360_CSM_Health__c')
    expect(hubspotConfigSchema.parse({ auth: hubspotAuth }).csmHealthField).toBeUndefined()
  })
})

describe("checking the CSM's health field against the CRM", () => {
  const field = (f: Partial<CrmField>): CrmField => ({
    name: 'CS360_CSM_Health__c',
    type: 'text',
    updateable: true,
    custom: true,
    ...f,
  })
  const problems = (fields: CrmField[]) =>
    csmHealthFieldProblems({
      connectorId: 'salesforce',
      object: 'Account',
      field: 'CS360_CSM_Health__c',
      fields,
      howToCreate: 'create it in Setup',
    })

  it('passes a readable text, picklist or number field, read-only or not', () => {
    expect(problems([field({})])).toEqual([])
    expect(problems([field({ type: 'picklist', updateable: false })])).toEqual([])
    expect(problems([field({ name: 'cs360_csm_health__c', type: 'number' })])).toEqual([])
  })

  it('names a field that is missing (or hidden from the integration user) with the fix', () => {
    expect(problems([field({ name: 'Other__c' })])).toEqual([
      'connectors.salesforce.csmHealthField: Account.CS360_CSM_Health__c does not exist or the integration user cannot read it; create it in Setup (text or picklist) and give the integration user read access, or remove csmHealthField',
    ])
  })

  it('names a field whose type cannot hold a status, band or score', () => {
    expect(problems([field({ type: 'date' })])).toEqual([
      expect.stringContaining('Account.CS360_CSM_Health__c is a date field') as string,
    ])
  })
})

describe("the CSM's value as the accounts table keeps it", () => {
  it('trims text, keeps numbers as text and reads empty values as none', () => {
    expect(csmHealthText('  Green ')).toBe('Green')
    expect(csmHealthText(72.5)).toBe('72.5')
    expect(csmHealthText('')).toBeNull()
    expect(csmHealthText(null)).toBeNull()
    expect(csmHealthText(true)).toBeNull()
  })

  it('lands a HubSpot company property in the accounts row, only when configured', () => {
    const company = {
      id: '18000000001',
      properties: {
        name: 'Acme',
        hs_lastmodifieddate: '2026-11-01T10:00:00.000Z',
        cs360_csm_health: ' yellow ',
      },
    }
    const row = (config: object) => {
      const mapped = mapCompany(
        company,
        hubspotConfigSchema.parse({ auth: hubspotAuth, ...config }),
      )
      return mapped.ok ? (mapped.rows[0]!.row as { csm_health?: unknown }).csm_health : mapped
    }
    expect(row({ csmHealthField: 'cs360_csm_health' })).toBe('yellow')
    expect(row({})).toBeNull()
  })
})
