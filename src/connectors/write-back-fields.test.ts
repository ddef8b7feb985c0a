import { describe, expect, it } from 'vitest'
import type { CrmField } from './types.js'
import { mappedFieldProblems } from './write-back-fields.js'

const custom = (name: string, type: CrmField['type'], extra: Partial<CrmField> = {}): CrmField => ({
  name,
  type,
  updateable: true,
  custom: true,
  ...extra,
})

const fields: CrmField[] = [
  custom('Score__c', 'number'),
  custom('Band__c', 'picklist', {
    options: ['Healthy', 'Stable', 'At-risk', 'Critical', 'Emergency'],
  }),
  custom('BandText__c', 'text', { length: 20 }),
  custom('Short__c', 'text', { length: 5 }),
  custom('Renewal__c', 'date'),
  custom('Formula__c', 'number', { updateable: false }),
  { name: 'Name', type: 'text', updateable: true, custom: false, length: 255 },
  { name: 'AnnualRevenue', type: 'number', updateable: true, custom: false },
]

const check = (fieldMap: Record<string, string>, standardAllowed: string[] = []) =>
  mappedFieldProblems({
    connectorId: 'salesforce',
    object: 'Account',
    fieldMap,
    fields,
    standardAllowed,
    howToCreate: 'create it in Setup → Object Manager → Account',
    ownedFields: 'custom fields, named …__c',
  })

describe('mapped write-back fields', () => {
  it('accept custom fields whose type fits', () => {
    expect(
      check({
        healthScore: 'Score__c',
        healthBand: 'Band__c',
        arr: 'score__C',
        nextRenewalDate: 'Renewal__c',
      }),
    ).toEqual([])
    expect(check({ healthBand: 'BandText__c' })).toEqual([])
  })

  it('refuse a standard field unless it is opted into, field by field', () => {
    expect(check({ healthBand: 'Name' })).toEqual([
      'connectors.salesforce.writeBack.fields.healthBand: Account.Name is not a field cs360 owns (cs360 owns custom fields, named …__c); cs360 writes it only when connectors.salesforce.writeBack.standardFields lists it (overwriting it in every account is rarely what you want)',
    ])
    expect(check({ arr: 'AnnualRevenue' }, ['AnnualRevenue'])).toEqual([])
  })

  it('name a missing, a read-only and a mistyped field, each with the fix', () => {
    expect(
      check({
        healthScore: 'Missing__c',
        arr: 'Formula__c',
        nextRenewalDate: 'Score__c',
        healthBand: 'Short__c',
      }),
    ).toEqual([
      'connectors.salesforce.writeBack.fields.healthScore: Account.Missing__c does not exist; create it in Setup → Object Manager → Account, or map healthScore elsewhere',
      'connectors.salesforce.writeBack.fields.arr: Account.Formula__c is read-only; map arr to a field the integration user can edit',
      'connectors.salesforce.writeBack.fields.nextRenewalDate: Account.Score__c is a number field; nextRenewalDate needs a date field',
      'connectors.salesforce.writeBack.fields.healthBand: Account.Short__c holds 5 characters; healthBand needs 9',
    ])
  })

  it('want every band value in a picklist, the "not scored" mark included when it is used', () => {
    const problems = mappedFieldProblems({
      connectorId: 'hubspot',
      object: 'companies',
      fieldMap: { healthBand: 'Band__c' },
      fields,
      standardAllowed: [],
      howToCreate: 'run `cs360 crm provision`',
      ownedFields: 'the properties in its own property group',
      extraBandValues: ['Not scored'],
    })
    expect(problems).toEqual([
      'connectors.hubspot.writeBack.fields.healthBand: companies.Band__c is a picklist without the value(s) Not scored; add them to its values',
    ])
  })
})
