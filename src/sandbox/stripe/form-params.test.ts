import { describe, expect, it } from 'vitest'
import { FormError, parseStripeForm } from './form-params.js'

describe("Stripe's bracket notation", () => {
  it('nests hashes, lists and lists of hashes', () => {
    const body =
      'metadata[crm_account_id]=001A&metadata[domain]=acme.com&expand[]=customer&expand[]=discounts' +
      '&items[0][id]=si_1&items[0][quantity]=12&items[1][price]=price_2&created[gte]=100&limit=5'
    expect(parseStripeForm(body)).toEqual({
      metadata: { crm_account_id: '001A', domain: 'acme.com' },
      expand: ['customer', 'discounts'],
      items: [{ id: 'si_1', quantity: '12' }, { price: 'price_2' }],
      created: { gte: '100' },
      limit: '5',
    })
  })

  it('decodes percent-encoded brackets as stripe-node sends them', () => {
    expect(parseStripeForm('types%5B0%5D=invoice.paid&types%5B1%5D=customer.updated')).toEqual({
      types: ['invoice.paid', 'customer.updated'],
    })
  })

  it('keeps sparse list positions in order', () => {
    expect(parseStripeForm('items[2][price]=b&items[0][price]=a')).toEqual({
      items: [{ price: 'a' }, { price: 'b' }],
    })
  })

  it('rejects a key used both as a value and as a hash', () => {
    expect(() => parseStripeForm('metadata=x&metadata[k]=v')).toThrow(FormError)
    expect(() => parseStripeForm('a]b=1')).toThrow(FormError)
  })
})
