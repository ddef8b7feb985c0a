import { describe, expect, it } from 'vitest'
import { Secret } from '../../config/secret.js'
import { hubspotConfigSchema } from './config.js'
import { mapDeal, type DealPageContext } from './mapping.js'

const config = hubspotConfigSchema.parse({
  auth: { type: 'private_app', accessToken: new Secret('T', 'v') },
})

const page: DealPageContext = {
  companyOf: { '101': '900' },
  stages: {
    qualifiedtobuy: { pipeline: 'default', closed: false, won: false, probability: 0.4 },
    scoping: { pipeline: 'growth', closed: false, won: false, probability: null },
    closedwon: { pipeline: 'default', closed: true, won: true, probability: 1 },
  },
}

const deal = (properties: Record<string, string | null>) => ({
  id: '101',
  properties: {
    dealname: 'Acme seats',
    amount: '12000',
    closedate: '2027-01-15T00:00:00.000Z',
    pipeline: 'default',
    dealstage: 'qualifiedtobuy',
    dealtype: 'existingbusiness',
    hs_lastmodifieddate: '2026-11-01T10:00:00.000Z',
    ...properties,
  },
  archived: false,
})

const row = (properties: Record<string, string | null>, c = config) => {
  const mapped = mapDeal(deal(properties), c, page)
  if (!mapped.ok) throw new Error(mapped.reason)
  return mapped.rows[0]!.row as {
    is_renewal: boolean
    is_expansion: boolean
    probability: number | null
  }
}

describe('HubSpot deal mapping', () => {
  it('flags Existing Business deals as expansion, renewals and new business not', () => {
    expect(row({}).is_expansion).toBe(true)
    expect(row({ dealtype: 'renewal' })).toMatchObject({ is_renewal: true, is_expansion: false })
    expect(row({ dealtype: 'newbusiness' }).is_expansion).toBe(false)
    expect(row({ dealtype: null }).is_expansion).toBe(false)
  })

  it('takes configured deal types, and every deal of an expansion pipeline', () => {
    const custom = hubspotConfigSchema.parse({
      auth: { type: 'private_app', accessToken: new Secret('T', 'v') },
      deals: { expansionTypes: ['upsell'], expansionPipelines: ['growth'] },
    })
    expect(row({ dealtype: 'upsell' }, custom).is_expansion).toBe(true)
    expect(row({}, custom).is_expansion).toBe(false)
    expect(
      row({ pipeline: 'growth', dealstage: 'scoping', dealtype: null }, custom).is_expansion,
    ).toBe(true)
    // A renewal in an expansion pipeline is still a renewal.
    expect(
      row({ pipeline: 'growth', dealstage: 'scoping', dealtype: 'renewal' }, custom),
    ).toMatchObject({ is_renewal: true, is_expansion: false })
  })

  it("takes the deal's forecast probability, else its pipeline stage's, as 0–100", () => {
    expect(row({ hs_forecast_probability: '0.65' }).probability).toBe(65)
    expect(row({}).probability).toBe(40)
    expect(row({ pipeline: 'growth', dealstage: 'scoping' }).probability).toBeNull()
  })
})
