import { describe, expect, it } from 'vitest'
import { generateDataset } from './generate.js'
import { parseDataset } from './schema.js'
import { SEGMENT_ARR } from './account-plan.js'

const asOf = '2026-11-22'

describe('dataset generator', () => {
  it('is deterministic per seed and differs across seeds', () => {
    const a = JSON.stringify(generateDataset({ accounts: 50, seed: 7, asOf }))
    const b = JSON.stringify(generateDataset({ accounts: 50, seed: 7, asOf }))
    const c = JSON.stringify(generateDataset({ accounts: 50, seed: 8, asOf }))
    expect(a).toBe(b)
    expect(a).not.toBe(c)
  })

  const big = generateDataset({ accounts: 1000, seed: 42, asOf })
  const truth = big.groundTruth!.accounts
  const records = big.salesforce!.records

  it('follows the segment mix of the domain example with segment ARR bands', () => {
    const share = (segment: string) =>
      truth.filter((a) => a.segment === segment).length / truth.length
    expect(share('enterprise')).toBeCloseTo(0.12, 2)
    expect(share('mid-market')).toBeCloseTo(0.35, 2)
    expect(share('smb')).toBeCloseTo(0.53, 2)
    for (const account of truth.filter((a) => !a.churned)) {
      const [min, max] = SEGMENT_ARR[account.segment]
      expect(account.arr).toBeGreaterThanOrEqual(min - 100)
      // Expanders may have grown past their band by an upsell of up to 30%.
      expect(account.arr).toBeLessThanOrEqual(
        account.trajectory === 'expand' ? max * 1.3 + 100 : max + 100,
      )
    }
  })

  it('links every opportunity to an account and every account to an owner', () => {
    const accountIds = new Set(records.Account!.map((a) => a.Id))
    const userIds = new Set(records.User!.map((u) => u.Id))
    expect(records.Opportunity!.every((o) => accountIds.has(String(o.AccountId)))).toBe(true)
    expect(records.Account!.every((a) => userIds.has(String(a.OwnerId)))).toBe(true)
    expect(
      new Set([...accountIds, ...userIds, ...records.Opportunity!.map((o) => o.Id)]).size,
    ).toBe(accountIds.size + userIds.size + records.Opportunity!.length)
  })

  it('makes accounts that will churn look worse than those that will expand', () => {
    const byId = new Map(records.Account!.map((a) => [a.Id, a]))
    const openRenewals = records.Opportunity!.filter((o) => o.IsClosed === false)
    const mean = (values: number[]) => values.reduce((s, v) => s + v, 0) / values.length
    const silence = (trajectory: string) =>
      mean(
        truth
          .filter((a) => a.trajectory === trajectory && !a.churned)
          .map((a) => byId.get(a.crmId)!.LastActivityDate)
          .map((d) => (d ? (Date.parse(asOf) - Date.parse(String(d))) / 86_400_000 : 365)),
      )
    const probability = (trajectory: string) => {
      const ids = new Set(truth.filter((a) => a.trajectory === trajectory).map((a) => a.crmId))
      return mean(
        openRenewals.filter((o) => ids.has(String(o.AccountId))).map((o) => Number(o.Probability)),
      )
    }
    expect(silence('churn')).toBeGreaterThan(silence('expand') * 3)
    expect(probability('churn')).toBeLessThan(probability('expand') - 30)
  })

  it('validates against the dataset schema and rejects a broken file with the path', () => {
    expect(() => parseDataset(JSON.parse(JSON.stringify(big)))).not.toThrow()
    const broken = JSON.parse(JSON.stringify(big))
    broken.salesforce.records.Account[12].Id = 'short'
    expect(() => parseDataset(broken, 'company.json')).toThrow(
      /company\.json.*\n.*salesforce\.records\.Account\.12\.Id/,
    )
  })
})
