import { describe, expect, it } from 'vitest'
import { modelSettingsSchema } from '../settings.js'
import { scorecardFor } from './scorecards.js'

const model = (health: unknown) => modelSettingsSchema.parse({ health })

describe('scorecards per coverage tier', () => {
  const settings = model({
    measures: { touchRecency: { weight: 4 } },
    scorecards: [
      {
        name: 'enterprise',
        tiers: ['high-touch'],
        weights: { usage: 20, relationship: 35 },
        measures: { loginFrequency: { weight: 0 } },
      },
      { name: 'digital', tiers: ['tech-touch', 'high-touch'], weights: { usage: 50 } },
    ],
  }).health

  it('scores an account with the first scorecard naming its tier, 004 defaults where it names none', () => {
    const card = scorecardFor('high-touch', settings)
    expect(card.name).toBe('enterprise')
    expect(card.settings.weights).toEqual({
      usage: 20,
      engagement: 25,
      relationship: 35,
      support: 15,
      growth: 10,
    })
    // Its measure settings go over the general ones.
    expect(card.settings.measures).toEqual({
      touchRecency: { weight: 4 },
      loginFrequency: { weight: 0 },
    })
    expect(scorecardFor('tech-touch', settings).name).toBe('digital')
  })

  it('falls back to the general settings for a tier no scorecard names', () => {
    const card = scorecardFor('low-touch', settings)
    expect(card.name).toBeNull()
    expect(card.settings).toBe(settings)
  })

  it('refuses a scorecard naming a tier model.segments does not have, with its path', () => {
    const parsed = modelSettingsSchema.safeParse({
      health: { scorecards: [{ name: 'smb', tiers: ['smb'] }] },
    })
    expect(parsed.success).toBe(false)
    expect(parsed.error!.issues[0]).toMatchObject({
      path: ['health', 'scorecards', 0, 'tiers', 0],
      message: expect.stringContaining('no tier "smb" in model.segments.tiers'),
    })
  })
})

describe('bands and the Green/Yellow/Red roll-up', () => {
  it('follow 004 and 003 by default, at their boundaries', async () => {
    const { healthBand, healthStatus } = await import('./bands.js')
    const { bands, status } = model({}).health
    expect([80, 79.9, 60, 59.9, 40, 39.9, 20, 19.9].map((s) => healthBand(s, bands))).toEqual([
      'Healthy',
      'Stable',
      'Stable',
      'At-risk',
      'At-risk',
      'Critical',
      'Critical',
      'Emergency',
    ])
    expect([80, 79.9, 50, 49.9].map((s) => healthStatus(s, status))).toEqual([
      'Green',
      'Yellow',
      'Yellow',
      'Red',
    ])
  })

  it('take configured thresholds, refused out of order', async () => {
    const { healthBand } = await import('./bands.js')
    const { bands } = model({ bands: { Healthy: 85, Stable: 70 } }).health
    expect(healthBand(84, bands)).toBe('Stable')
    expect(healthBand(65, bands)).toBe('At-risk')
    expect(() => model({ bands: { Stable: 90 } })).toThrow(/Healthy > Stable/)
    expect(() => model({ status: { green: 40, yellow: 60 } })).toThrow(/green must start above/)
  })
})
