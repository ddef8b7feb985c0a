import { describe, expect, it } from 'vitest'
import { segmentSettingsSchema } from './settings.js'
import { tierOf, type TierFacts } from './tier.js'

const account = (arr: number, more: Partial<TierFacts> = {}): TierFacts => ({
  accountId: '001-a',
  arr,
  accountType: null,
  industry: null,
  ...more,
})

describe('tier of an account', () => {
  const defaults = segmentSettingsSchema.parse({})

  it("follows 004's coverage model: $100k+ high, $15k–$100k low, under $15k tech touch", () => {
    const tier = (arr: number) => tierOf(account(arr), defaults)
    expect(tier(250_000)).toEqual({ tier: 'high-touch', overriddenBy: null })
    expect(tier(100_000).tier).toBe('high-touch')
    expect(tier(99_999.99).tier).toBe('low-touch')
    expect(tier(15_000).tier).toBe('low-touch')
    expect(tier(14_999.99).tier).toBe('tech-touch')
    expect(tier(0).tier).toBe('tech-touch')
  })

  it('defaults the ratios to 1:10–25, 1:50–100 and 1:500+', () => {
    expect(defaults.tiers.map((t) => [t.id, t.accountsPerCsm])).toEqual([
      ['high-touch', { min: 10, max: 25 }],
      ['low-touch', { min: 50, max: 100 }],
      ['tech-touch', { min: 500 }],
    ])
  })

  it('places strategic and complex accounts by override, the first matching one winning', () => {
    const settings = segmentSettingsSchema.parse({
      overrides: [
        { reason: 'strategic', tier: 'high-touch', accounts: ['001-lighthouse'] },
        {
          reason: 'complexity',
          tier: 'low-touch',
          crmField: { field: 'accountType', values: ['Multi-BU', 'Regulated'] },
        },
        {
          reason: 'vertical',
          tier: 'high-touch',
          crmField: { field: 'industry', values: ['Banking'] },
        },
      ],
    })
    expect(tierOf(account(8_000, { accountId: '001-lighthouse' }), settings)).toEqual({
      tier: 'high-touch',
      overriddenBy: 'strategic',
    })
    // 004: "Simple $150k account may need less than complex $80k" works both ways.
    expect(tierOf(account(150_000, { accountType: 'Regulated' }), settings)).toEqual({
      tier: 'low-touch',
      overriddenBy: 'complexity',
    })
    expect(
      tierOf(account(5_000, { accountType: 'Regulated', industry: 'Banking' }), settings)
        .overriddenBy,
    ).toBe('complexity')
    expect(tierOf(account(5_000, { industry: 'Banking' }), settings).tier).toBe('high-touch')
    expect(tierOf(account(5_000, { accountType: 'regulated' }), settings)).toEqual({
      tier: 'tech-touch',
      overriddenBy: null,
    })
  })

  it('takes tiers in any order and any number', () => {
    const settings = segmentSettingsSchema.parse({
      tiers: [
        { id: 'self-serve', minArr: 0, accountsPerCsm: { min: 500 } },
        { id: 'strategic', minArr: 500_000, accountsPerCsm: { min: 5, max: 10 } },
        { id: 'enterprise', minArr: 100_000, accountsPerCsm: { min: 15, max: 25 } },
      ],
    })
    expect(tierOf(account(600_000), settings).tier).toBe('strategic')
    expect(tierOf(account(100_000), settings).tier).toBe('enterprise')
    expect(tierOf(account(99_000), settings).tier).toBe('self-serve')
  })

  it('refuses settings that would leave accounts without a tier or name a tier twice', () => {
    const problems = (input: unknown) => {
      const result = segmentSettingsSchema.safeParse(input)
      return result.success ? [] : result.error.issues.map((i) => [i.path.join('.'), i.message])
    }
    const ratio = { min: 10, max: 25 }
    expect(problems({ tiers: [{ id: 'a', minArr: 10, accountsPerCsm: ratio }] })).toEqual([
      ['tiers', 'one tier must start at minArr 0, or some accounts would have no tier'],
    ])
    expect(
      problems({
        tiers: [
          { id: 'a', minArr: 0, accountsPerCsm: ratio },
          { id: 'a', minArr: 0, accountsPerCsm: ratio },
        ],
      }),
    ).toEqual([
      ['tiers.1.id', 'a twice'],
      ['tiers.1.minArr', 'two tiers start at 0'],
    ])
    expect(
      problems({ overrides: [{ reason: 'strategic', tier: 'vip', accounts: ['x'] }] }),
    ).toEqual([['overrides.0.tier', 'names vip; the tiers are high-touch, low-touch, tech-touch']])
    expect(problems({ overrides: [{ reason: 'strategic', tier: 'high-touch' }] })).toEqual([
      ['overrides.0', 'name the accounts or a crmField to match'],
    ])
    expect(
      problems({ tiers: [{ id: 'a', minArr: 0, accountsPerCsm: { min: 30, max: 20 } }] }),
    ).toEqual([['tiers.0.accountsPerCsm', 'max must be at least min']])
  })
})
