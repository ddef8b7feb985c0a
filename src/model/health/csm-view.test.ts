import { describe, expect, it } from 'vitest'
import { modelSettingsSchema } from '../settings.js'
import { csmDirection, readCsmView } from './csm-view.js'

const defaults = modelSettingsSchema.parse({}).health
const read = (raw: string, settings = defaults) => readCsmView(raw, settings)

describe("reading a CSM's own health view", () => {
  it('reads a status in any case, with stray spaces', () => {
    expect(read('Green')).toEqual({ ok: true, view: { status: 'Green', band: null } })
    expect(read('  yellow ')).toEqual({ ok: true, view: { status: 'Yellow', band: null } })
    expect(read('RED')).toEqual({ ok: true, view: { status: 'Red', band: null } })
  })

  it('reads a band name however it is spelled, rolled up by the middle of its range', () => {
    expect(read('healthy')).toEqual({ ok: true, view: { status: 'Green', band: 'Healthy' } })
    expect(read('Stable')).toEqual({ ok: true, view: { status: 'Yellow', band: 'Stable' } })
    // 40–59 by default: its middle, 50, is Yellow.
    expect(read('at risk')).toEqual({ ok: true, view: { status: 'Yellow', band: 'At-risk' } })
    expect(read('AT_RISK')).toEqual({ ok: true, view: { status: 'Yellow', band: 'At-risk' } })
    expect(read('critical')).toEqual({ ok: true, view: { status: 'Red', band: 'Critical' } })
    expect(read('Emergency')).toEqual({ ok: true, view: { status: 'Red', band: 'Emergency' } })
  })

  it('bands a band name by the configured thresholds', () => {
    const strict = modelSettingsSchema.parse({
      health: { bands: { Healthy: 90, Stable: 75, 'At-risk': 60, Critical: 45 } },
    }).health
    // Critical is now 45–59: its middle, 52, is Yellow (Red with the default 20–39).
    expect(read('Critical', strict)).toEqual({
      ok: true,
      view: { status: 'Yellow', band: 'Critical' },
    })
  })

  it('bands a 0–100 number by the configured bands and status thresholds', () => {
    expect(read('85')).toEqual({ ok: true, view: { status: 'Green', band: 'Healthy' } })
    expect(read('72.5')).toEqual({ ok: true, view: { status: 'Yellow', band: 'Stable' } })
    expect(read('45%')).toEqual({ ok: true, view: { status: 'Red', band: 'At-risk' } })
    expect(read('0')).toEqual({ ok: true, view: { status: 'Red', band: 'Emergency' } })
    expect(read('100')).toEqual({ ok: true, view: { status: 'Green', band: 'Healthy' } })
    const lenient = modelSettingsSchema.parse({ health: { status: { green: 70, yellow: 40 } } })
    expect(read('72', lenient.health)).toEqual({
      ok: true,
      view: { status: 'Green', band: 'Stable' },
    })
  })

  it('names what was expected for anything else', () => {
    for (const junk of ['great!!', 'TBD', '?', 'Greenish', '-5', '7/10', 'amber']) {
      const reading = read(junk)
      expect(reading.ok, junk).toBe(false)
      expect(!reading.ok && reading.problem).toContain(
        'neither a status (Green, Yellow, Red), a band (Healthy, Stable, At-risk, Critical, Emergency) nor a 0–100 score',
      )
    }
    expect(read('140')).toEqual({ ok: false, problem: 'above 100 (a score is 0–100)' })
  })
})

describe('how a CSM compares with the model', () => {
  it('is optimistic above the model, pessimistic below, and agrees on the same status', () => {
    expect(csmDirection('Red', 'Green')).toBe('csm-more-optimistic')
    expect(csmDirection('Yellow', 'Green')).toBe('csm-more-optimistic')
    expect(csmDirection('Green', 'Yellow')).toBe('csm-more-pessimistic')
    expect(csmDirection('Yellow', 'Red')).toBe('csm-more-pessimistic')
    expect(csmDirection('Yellow', 'Yellow')).toBe('agree')
  })
})
