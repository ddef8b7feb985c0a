import { describe, expect, it } from 'vitest'
import { Secret } from '../config/secret.js'
import { changedInterpretation, interpretationFingerprint } from './interpretation.js'

describe('interpretationFingerprint', () => {
  it('is stable under key order, nested too', () => {
    const a = interpretationFingerprint({
      renewalTypes: ['Renewal'],
      identityFields: { stripe: 'Stripe_Id__c', zendesk: 'Zendesk_Id__c' },
    })
    const b = interpretationFingerprint({
      identityFields: { zendesk: 'Zendesk_Id__c', stripe: 'Stripe_Id__c' },
      renewalTypes: ['Renewal'],
    })
    expect(b).toEqual(a)
    expect(Object.keys(a)).toEqual(['identityFields', 'renewalTypes'])
  })

  it('changes with a value, and names only the key that changed', () => {
    const before = interpretationFingerprint({
      renewalTypes: ['Renewl'],
      contractEndField: 'Contract_End_Date__c',
    })
    const after = interpretationFingerprint({
      renewalTypes: ['Renewal'],
      contractEndField: 'Contract_End_Date__c',
    })
    expect(after.renewalTypes).not.toBe(before.renewalTypes)
    expect(changedInterpretation(before, after)).toEqual(['renewalTypes'])
    expect(changedInterpretation(after, after)).toEqual([])
  })

  it('tells a key added or dropped, a value unset from null alike, and no stored fingerprint as no change', () => {
    const stored = interpretationFingerprint({ renewalTypes: ['Renewal'] })
    const current = interpretationFingerprint({ renewalTypes: ['Renewal'], csmHealthField: 'X' })
    expect(changedInterpretation(stored, current)).toEqual(['csmHealthField'])
    expect(changedInterpretation(current, stored)).toEqual(['csmHealthField'])
    expect(interpretationFingerprint({ a: undefined })).toEqual(
      interpretationFingerprint({ a: null }),
    )
    expect(changedInterpretation(null, current)).toEqual([])
  })

  it('holds no value of the config, and refuses a credential', () => {
    const fingerprint = interpretationFingerprint({ renewalTypes: ['Renewal Business'] })
    expect(JSON.stringify(fingerprint)).not.toContain('Renewal')
    expect(() =>
      interpretationFingerprint({ auth: { clientSecret: new Secret('SF_SECRET', 'hunter2') } }),
    ).toThrow('auth.clientSecret: a credential cannot be part of')
  })
})
