import { describe, expect, it } from 'vitest'
import { compactMoney, healthDistributionLines } from './health-distribution.js'

describe('health distribution lines', () => {
  it('prints accounts and ARR per band, then tier × band, tiers in the configured order', () => {
    const lines = healthDistributionLines(
      [
        { tier: null, band: 'Healthy', accounts: 3, arr: 300_000 },
        { tier: null, band: 'At-risk', accounts: 1, arr: 100_000 },
        { tier: 'tech-touch', band: 'Healthy', accounts: 2, arr: 20_000 },
        { tier: 'high-touch', band: 'Healthy', accounts: 1, arr: 280_000 },
        { tier: 'high-touch', band: 'At-risk', accounts: 1, arr: 100_000 },
        { tier: 'strategic', band: 'At-risk', accounts: 0, arr: 0 },
      ],
      ['high-touch', 'low-touch', 'tech-touch'],
    )
    expect(lines[0]).toMatch(/^health by band: +accounts +ARR +ARR share$/)
    expect(lines[1]).toMatch(/^ {2}Healthy +3 +\$300,000 +75%$/)
    expect(lines[2]).toMatch(/^ {2}Stable +0 +\$0 +0%$/)
    expect(lines[3]).toMatch(/^ {2}At-risk +1 +\$100,000 +25%$/)
    expect(lines[6]).toBe('health by segment tier × band (accounts / ARR):')
    expect(lines[7]).toMatch(/^ +Healthy +Stable +At-risk +Critical +Emergency$/)
    // low-touch has no accounts: no row. A tier the config does not list comes last.
    expect(lines.slice(8).map((l) => l.trim().split(/\s{2,}/))).toEqual([
      ['high-touch', '1 / $280k', '—', '1 / $100k', '—', '—'],
      ['tech-touch', '2 / $20k', '—', '—', '—', '—'],
      ['strategic', '—', '—', '0 / $0', '—', '—'],
    ])
  })

  it('prints nothing without scored accounts', () => {
    expect(healthDistributionLines([], ['high-touch'])).toEqual([])
  })

  it('shortens money for the table', () => {
    expect([950, 12_400, 999_499, 999_500, 1_250_000].map(compactMoney)).toEqual([
      '$950',
      '$12k',
      '$999k',
      '$1.0M',
      '$1.3M',
    ])
  })
})
