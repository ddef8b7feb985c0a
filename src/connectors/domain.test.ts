import { describe, expect, it } from 'vitest'
import { domainFromWebsite } from './domain.js'

describe('domainFromWebsite', () => {
  it.each([
    ['https://www.Acme.com/pricing', 'acme.com'],
    ['http://acme.co.uk', 'acme.co.uk'],
    ['acme.io', 'acme.io'],
    ['www.acme.io:8443/x?y', 'acme.io'],
    ['jane@acme.com', 'acme.com'],
    ['  ', null],
    ['not a domain', null],
    [null, null],
  ])('%s → %s', (input, expected) => {
    expect(domainFromWebsite(input)).toBe(expected)
  })
})
