import { describe, expect, it } from 'vitest'
import { companyIdentities, emailAllocator } from './names.js'
import { Random } from './random.js'

describe('company names', () => {
  it('stay unique in name and domain for a large company, mostly without numbers', () => {
    const ids = companyIdentities(new Random(1), 3000)
    expect(new Set(ids.map((c) => c.name)).size).toBe(3000)
    expect(new Set(ids.map((c) => c.domain)).size).toBe(3000)
    for (const c of ids) expect(c.domain).toMatch(/^[a-z0-9]+\.[a-z.]+$/)
    expect(ids.filter((c) => /\d/.test(c.name)).length / ids.length).toBeLessThan(0.05)
  })

  it('give colliding people distinct addresses at one domain', () => {
    const email = emailAllocator('acme.com', 'first.last')
    const ava = { first: 'Ava', last: 'Chen' }
    expect([email(ava), email(ava)]).toEqual(['ava.chen@acme.com', 'ava.chen2@acme.com'])
  })
})
