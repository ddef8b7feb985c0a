import { describe, expect, it } from 'vitest'
import { parseDataset } from '../dataset/schema.js'

const user = (deviceId: string, days: string) => ({
  user_id: `${deviceId}@acme.com`,
  device_id: deviceId,
  amplitude_id: 1,
  groups: { company: ['acme.com'] },
  user_properties: {},
  platform: 'Web',
  os_name: 'Chrome',
  country: 'Germany',
  days,
})

const dataset = (amplitude: unknown) => ({
  format: 'cs360-dataset',
  version: 1,
  asOf: '2026-11-22',
  amplitude,
})

describe('the amplitude section', () => {
  it('accepts a plan, and a section of literal events only (the earlier format)', () => {
    const plan = {
      from: '2026-11-01',
      features: ['Dashboard Viewed'],
      users: [user('dev-1', '0.1.1.1')],
    }
    expect(parseDataset(dataset(plan)).amplitude).toMatchObject({ projectId: 512_034, events: [] })
    const literal = {
      events: [
        { event_type: 'x', event_time: '2026-11-01 10:00:00.000000', user_id: 'ada@acme.com' },
      ],
    }
    expect(parseDataset(dataset(literal)).amplitude!.users).toEqual([])
  })

  it('names the user and the token a plan cannot expand, and shared device ids', () => {
    const broken = {
      from: '2026-11-01',
      features: ['Dashboard Viewed', 'Search Performed'],
      users: [user('dev-1', '0.1.3.3 2.2.1.1'), user('dev-1', '0.1.1.1')],
      events: [
        { uuid: 'u-1', event_type: 'x', event_time: '2026-11-01 10:00:00', device_id: 'dev-9' },
        { uuid: 'u-1', event_type: 'x', event_time: '2026-11-01 10:00:00', device_id: 'dev-9' },
      ],
    }
    expect(() => parseDataset(dataset(broken), 'company.json')).toThrow(
      'amplitude.users[0].days: "2.2.1.1": needs an event per session plus one per further feature',
    )
    const shared = { ...broken, users: [user('dev-1', '0.1.1.1'), user('dev-1', '0.1.1.1')] }
    expect(() => parseDataset(dataset(shared))).toThrow(
      /amplitude\.users\[1\]: duplicate id dev-1\n {2}amplitude\.events\[1\]: duplicate id u-1/,
    )
    expect(() => parseDataset(dataset({ features: ['a'], users: [user('d', '0.1.1.1')] }))).toThrow(
      'amplitude.from: a plan with users needs `from`',
    )
  })
})
