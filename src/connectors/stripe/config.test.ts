import { describe, expect, it } from 'vitest'
import { Secret } from '../../config/secret.js'
import { stripeConfigSchema } from './config.js'

const key = (value: string) => new Secret('STRIPE_API_KEY', value)

describe('Stripe connector config', () => {
  it("defaults to Stripe's API, a weekly reconciliation, 20 requests a second and full pages", () => {
    expect(stripeConfigSchema.parse({ apiKey: key('rk_live_abc') })).toMatchObject({
      apiBase: 'https://api.stripe.com',
      identity: { crmAccountIdMetadataKey: 'crm_account_id', domainMetadataKey: 'domain' },
      reconcileEvery: 7 * 86_400_000,
      requestsPerSecond: 20,
      pageSize: 100,
    })
    expect(
      stripeConfigSchema.parse({ apiKey: key('sk_test_1'), reconcileEvery: '36h' }).reconcileEvery,
    ).toBe(36 * 3_600_000)
  })

  it('refuses a publishable key, a base URL with a path and pages over 100', () => {
    const result = stripeConfigSchema.safeParse({
      apiKey: key('pk_test_abc'),
      apiBase: 'https://api.stripe.com/v1',
      pageSize: 101,
      reconcileEvery: 'weekly',
    })
    expect(result.success).toBe(false)
    expect(result.error!.issues.map((i) => i.path.join('.')).sort()).toEqual([
      'apiBase',
      'apiKey',
      'pageSize',
      'reconcileEvery',
    ])
  })

  it('takes the key only as an environment reference', () => {
    expect(stripeConfigSchema.safeParse({ apiKey: 'sk_test_inline' }).success).toBe(false)
  })
})
