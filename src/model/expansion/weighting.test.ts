import { describe, expect, it } from 'vitest'
import { renewalForecastSettingsSchema } from '../retention/forecast-settings.js'
import { expansionPipeline, expansionWeight } from './weighting.js'

const { expansionStages } = renewalForecastSettingsSchema.parse({})

describe('expansion opportunity weight', () => {
  it("takes the CRM's stage probability where the CRM knows it", () => {
    // Salesforce's Proposal/Price Quote defaults to 75%; the CRM wins over a configured name too.
    expect(
      expansionWeight({ stage: 'Proposal/Price Quote', crmProbability: 75 }, expansionStages),
    ).toEqual({ probability: 0.75, basis: 'crm' })
    expect(expansionWeight({ stage: 'Identified', crmProbability: 40 }, expansionStages)).toEqual({
      probability: 0.4,
      basis: 'crm',
    })
    expect(expansionWeight({ stage: 'Whatever', crmProbability: 0 }, expansionStages)).toEqual({
      probability: 0,
      basis: 'crm',
    })
  })

  it("else the probability configured for its stage name, 004's stages by default", () => {
    const weight = (stage: string) =>
      expansionWeight({ stage, crmProbability: null }, expansionStages)
    expect(['Identified', 'qualified', 'PROPOSED', 'Committed'].map((s) => weight(s))).toEqual([
      { probability: 0.1, basis: 'configured' },
      { probability: 0.25, basis: 'configured' },
      { probability: 0.5, basis: 'configured' },
      { probability: 0.75, basis: 'configured' },
    ])
    const custom = renewalForecastSettingsSchema.parse({
      expansionStages: { 'Scoping call': 0.15 },
    }).expansionStages
    expect(expansionWeight({ stage: 'scoping call', crmProbability: null }, custom)).toEqual({
      probability: 0.15,
      basis: 'configured',
    })
    // Configuring stages replaces 004's list.
    expect(expansionWeight({ stage: 'Proposed', crmProbability: null }, custom).basis).toBe(
      'unknown',
    )
  })

  it('else unknown: no probability rather than a guessed one', () => {
    expect(expansionWeight({ stage: 'Unheard of', crmProbability: null }, expansionStages)).toEqual(
      { probability: null, basis: 'unknown' },
    )
  })
})

describe('expansion pipeline', () => {
  it('sums every opportunity, weights the known ones and reports the unknown apart', () => {
    expect(
      expansionPipeline(
        [
          { amount: 10_000, stage: 'Identified', crmProbability: 90 }, // the CRM's 90%
          { amount: 10_000, stage: 'proposed', crmProbability: null }, // 004's 50%
          { amount: 20_000, stage: 'Committed', crmProbability: null }, // 004's 75%
          { amount: 10_000, stage: 'Needs Analysis', crmProbability: 20 }, // the CRM's 20%
          { amount: 30_000, stage: 'Unheard of', crmProbability: null }, // unknown
        ],
        expansionStages,
      ),
    ).toEqual({
      opportunities: 5,
      pipeline: 80_000,
      weighted: 9_000 + 5_000 + 15_000 + 2_000,
      stageUnknown: { opportunities: 1, amount: 30_000 },
    })
  })

  it('is zero without opportunities', () => {
    expect(expansionPipeline([], expansionStages)).toEqual({
      opportunities: 0,
      pipeline: 0,
      weighted: 0,
      stageUnknown: { opportunities: 0, amount: 0 },
    })
  })
})
