import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { StripeDataset } from '../../sandbox/stripe/dataset-schema.js'
import { testInvoice, testPrice } from '../../sandbox/stripe/test-account.js'
import { invoicesStream, subscriptionsStream } from './streams.js'
import { Customer360, runStream, startAccount, type Account } from './test-support.js'

const NOW = Date.parse('2026-11-15T12:00:00Z')
const t = (date: string) => Date.parse(`${date}T02:00:00Z`) / 1000
const YEARLY = testPrice('year', 48_000)
let account: Account | undefined

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true })
  vi.setSystemTime(NOW)
})
afterEach(async () => {
  await account?.close()
  vi.useRealTimers()
})

/** A subscription invoice whose lines are `[quantity, amount, from, to]`. */
function invoice(n: number, created: string, lines: [number, number, string, string][]) {
  const base = testInvoice(n, 'cus_H1', 'sub_H1', t(created), 0)
  const data = lines.map(([quantity, amount, from, to], i) => ({
    ...base.lines.data[0]!,
    id: `il_H${n}${i}`,
    quantity,
    amount,
    period: { start: t(from), end: t(to) },
  }))
  const total = data.reduce((s, l) => s + l.amount, 0)
  return {
    ...base,
    amount_due: total,
    amount_paid: total,
    lines: { ...base.lines, data },
  }
}

function history(subscription: Record<string, unknown>): StripeDataset {
  return {
    customers: [
      {
        id: 'cus_H1',
        object: 'customer',
        created: t('2025-08-20'),
        name: 'Hist',
        email: null,
        metadata: {},
      },
    ],
    subscriptions: [
      {
        id: 'sub_H1',
        object: 'subscription',
        customer: 'cus_H1',
        status: 'active',
        currency: 'usd',
        created: t('2025-09-01'),
        cancel_at_period_end: false,
        canceled_at: null,
        items: {
          object: 'list',
          data: [
            {
              id: 'si_H1',
              object: 'subscription_item',
              price: YEARLY,
              quantity: 14,
              current_period_start: t('2026-09-01'),
              current_period_end: t('2027-09-01'),
            },
          ],
        },
        ...subscription,
      },
    ],
    invoices: [
      invoice(1, '2025-09-01', [[10, 480_000, '2025-09-01', '2026-09-01']]),
      // Four seats more on March 1: unused time on 10 credited, remaining time on 14 charged.
      invoice(2, '2026-03-01', [
        [10, -240_000, '2026-03-01', '2026-09-01'],
        [14, 336_000, '2026-03-01', '2026-09-01'],
      ]),
      invoice(3, '2026-09-01', [[14, 672_000, '2026-09-01', '2027-09-01']]),
    ],
  }
}

async function monthlyMrr(dataset: StripeDataset) {
  account = await startAccount(dataset)
  const store = new Customer360()
  store.apply((await runStream(invoicesStream, account.ctx, null)).rows)
  store.apply((await runStream(subscriptionsStream, account.ctx, null)).rows)
  return Object.fromEntries(
    [...store.table('billing_mrr_monthly').values()]
      .sort((a, b) => String(a.month).localeCompare(String(b.month)))
      .map((r) => [String(r.month).slice(0, 7), [r.mrr, r.seats]]),
  )
}

describe('monthly MRR history', () => {
  it('derives past months from invoice line periods and the current month from the items', async () => {
    const discounted = {
      discounts: [
        {
          id: 'di_H1',
          object: 'discount',
          start: t('2026-11-02'),
          end: null,
          source: {
            type: 'coupon',
            coupon: {
              id: 'TENOFF',
              object: 'coupon',
              percent_off: 10,
              amount_off: null,
              currency: null,
              duration: 'forever',
              duration_in_months: null,
            },
          },
        },
      ],
    }
    expect(await monthlyMrr(history(discounted))).toEqual({
      '2025-09': [400, 10],
      '2025-10': [400, 10],
      '2025-11': [400, 10],
      '2025-12': [400, 10],
      '2026-01': [400, 10],
      '2026-02': [400, 10],
      '2026-03': [560, 14],
      '2026-04': [560, 14],
      '2026-05': [560, 14],
      '2026-06': [560, 14],
      '2026-07': [560, 14],
      '2026-08': [560, 14],
      '2026-09': [560, 14],
      '2026-10': [560, 14],
      '2026-11': [504, 14],
    })
  })

  it('counts 0 from the month a subscription ended, also in months its last invoice paid for', async () => {
    vi.setSystemTime(Date.parse('2027-01-15T12:00:00Z'))
    const months = await monthlyMrr(
      history({ status: 'canceled', canceled_at: t('2026-10-10'), ended_at: t('2026-10-10') }),
    )
    expect(months['2026-09']).toEqual([560, 14])
    expect(months['2026-10']).toEqual([0, 0])
    expect(months['2026-11']).toEqual([0, 0])
    expect(months['2026-12']).toEqual([0, 0])
    expect(months['2027-01']).toBeUndefined()
  })
})
