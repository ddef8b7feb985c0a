import { describe, expect, it } from 'vitest'
import { isDefaultList, unmatchedTypeWarnings } from './unmatched-types.js'

const path = 'connectors.salesforce.opportunities.renewalTypes'
const seen = ['Renewal', 'New Business', 'Upsell']

describe('unmatchedTypeWarnings', () => {
  it('names each written value no record carries, with the values seen', () => {
    expect(
      unmatchedTypeWarnings({
        path,
        field: 'Opportunity Type',
        configured: ['Renewl', 'Renewal'],
        isDefault: false,
        seen,
      }),
    ).toEqual([
      'connectors.salesforce.opportunities.renewalTypes: "Renewl" matches no Opportunity Type (values seen: Renewal, New Business, Upsell) — fix the spelling or remove it',
    ])
  })

  it('leaves a default list alone while one of it matches, and says so when none does', () => {
    const expansion = {
      path: 'connectors.salesforce.opportunities.expansionTypes',
      field: 'Opportunity Type',
      configured: ['Upsell', 'Expansion', 'Cross-sell'],
      isDefault: true,
    }
    expect(unmatchedTypeWarnings({ ...expansion, seen })).toEqual([])
    expect(unmatchedTypeWarnings({ ...expansion, seen: [] })).toEqual([
      'connectors.salesforce.opportunities.expansionTypes: the default ("Upsell", "Expansion", "Cross-sell") matches no Opportunity Type (values seen: none) — set expansionTypes to the types this CRM uses',
    ])
  })

  it('tells a default list in any order', () => {
    expect(isDefaultList(['b', 'a'], ['a', 'b'])).toBe(true)
    expect(isDefaultList(['a'], ['a', 'b'])).toBe(false)
    expect(isDefaultList(['a', 'c'], ['a', 'b'])).toBe(false)
  })
})
