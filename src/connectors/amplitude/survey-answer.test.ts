import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Secret } from '../../config/secret.js'
import type { AmplitudeSandbox } from '../../sandbox/amplitude/server.js'
import { credentials, sdkClient, startTestProject } from '../../sandbox/amplitude/test-project.js'
import { aggregateHour } from './aggregate.js'
import { attributeEvent } from './account-key.js'
import { amplitudeConfigSchema } from './config.js'
import { mapUsageRecord } from './mapping.js'
import { MemoryLoad, readPages, testContext } from './test-support.js'

const config = (extra: Record<string, unknown> = {}) =>
  amplitudeConfigSchema.parse({
    apiKey: new Secret('AMPLITUDE_API_KEY', 'k'),
    secretKey: new Secret('AMPLITUDE_SECRET_KEY', 's'),
    ...extra,
  })

const answer = (event_type: string, event_properties: Record<string, unknown>, extra = {}) => ({
  uuid: '11111111-2222-4333-8444-555555555555',
  event_type,
  event_time: '2026-11-20 10:00:00.000000',
  server_upload_time: '2026-11-20 10:00:05.000000',
  user_id: 'ada@acme.com',
  groups: { company: ['acme.com'] },
  event_properties,
  ...extra,
})

describe('in-app survey answers onto survey_responses', () => {
  it('keeps a valid answer per account it names, keyed by the event id', () => {
    expect(mapUsageRecord(answer('NPS Survey Answered', { score: 9 }), config())).toEqual({
      ok: true,
      rows: [
        {
          table: 'survey_responses',
          row: {
            source: 'amplitude',
            source_id: '11111111-2222-4333-8444-555555555555',
            source_account_id: 'acme.com',
            respondent_id: 'ada@acme.com',
            kind: 'nps',
            score: 9,
            survey: 'NPS Survey Answered',
            answered_at: '2026-11-20T10:00:00.000Z',
          },
        },
      ],
    })
    const two = mapUsageRecord(
      answer('CSAT Survey Answered', { rating: '4' }, { groups: { company: ['a.com', 'b.com'] } }),
      config(),
    )
    const rows = (two.ok ? two.rows : []).map((r) => r.row as Record<string, unknown>)
    expect(rows.map((r) => [r.source_account_id, r.score])).toEqual([
      ['a.com', 4],
      ['b.com', 4],
    ])
    const ces = mapUsageRecord(answer('CES Survey Answered', { rating: 7 }), config())
    expect(ces.ok && ces.rows[0]!.row).toMatchObject({ kind: 'ces', score: 7 })
  })

  it('quarantines answers off the scale or not numbers, naming the property', () => {
    const reason = (raw: unknown, c = config()) => {
      const mapped = mapUsageRecord(raw, c)
      return mapped.ok ? 'kept' : mapped.reason
    }
    expect(reason(answer('NPS Survey Answered', { score: 11 }))).toBe(
      'event_properties.score: 11 is off the NPS scale 0–10',
    )
    expect(reason(answer('NPS Survey Answered', { score: -1 }))).toMatch(/off the NPS scale/)
    expect(reason(answer('CSAT Survey Answered', { rating: 0 }))).toBe(
      'event_properties.rating: 0 is off the CSAT scale 1–5',
    )
    expect(reason(answer('CES Survey Answered', { rating: 8 }))).toMatch(/off the CES scale 1–7/)
    expect(reason(answer('NPS Survey Answered', { score: 'great' }))).toBe(
      'event_properties.score: "great" is not a whole number (NPS answer)',
    )
    expect(reason(answer('NPS Survey Answered', { score: 8.5 }))).toMatch(/not a whole number/)
    expect(reason(answer('NPS Survey Answered', {}))).toMatch(/^event_properties.score: missing/)
    expect(reason(answer('NPS Survey Answered', { score: 9 }, { groups: {} }))).toMatch(
      /^groups.company: missing/,
    )
    const mapped = mapUsageRecord(answer('NPS Survey Answered', { score: 11 }), config())
    expect(mapped).toMatchObject({ ok: false, sourceId: '11111111-2222-4333-8444-555555555555' })
  })

  it('reads configured event types, properties and scales', () => {
    const custom = config({
      surveys: {
        nps: { eventType: 'nps_submitted', property: 'value' },
        csat: { scaleMax: 7 },
      },
    })
    const nps = mapUsageRecord(answer('nps_submitted', { value: 0 }), custom)
    expect(nps.ok && nps.rows[0]!.row).toMatchObject({ kind: 'nps', score: 0 })
    const csat = mapUsageRecord(answer('CSAT Survey Answered', { rating: 7 }), custom)
    expect(csat.ok && csat.rows[0]!.row).toMatchObject({ kind: 'csat', score: 7 })
    // The default NPS event type is then an ordinary product event.
    expect(attributeEvent(answer('NPS Survey Answered', {}), custom)).toMatchObject({
      ok: true,
      survey: null,
      usage: true,
    })
    expect(() => config({ surveys: { csat: { eventType: 'NPS Survey Answered' } } })).toThrow(
      /event type of its own/,
    )
  })

  it('is no product usage: the hour sights the account without counting the answer', () => {
    const attributed = attributeEvent(answer('NPS Survey Answered', { score: 3 }), config())
    if (!attributed.ok) throw new Error(attributed.reason)
    const [hour] = aggregateHour(Date.parse('2026-11-20T10:00:00Z'), [attributed])
    expect(hour).toMatchObject({ account: 'acme.com', events: 0, userIds: [], eventTypes: [] })
  })
})

/** The product sends answers with analytics-node; the export read lands them once. */
describe('survey answers through the Export API', () => {
  let project: AmplitudeSandbox
  beforeAll(async () => {
    project = await startTestProject()
    const client = await sdkClient(`${project.url}/2/httpapi`)
    const acme = { groups: { company: 'acme.com' } }
    client.track('Report Created', {}, { user_id: 'ada@acme.com', session_id: 1, ...acme })
    client.track('NPS Survey Answered', { score: 10 }, { user_id: 'ada@acme.com', ...acme })
    client.track('NPS Survey Answered', { score: 6 }, { user_id: 'bob@acme.com', ...acme })
    client.track('CSAT Survey Answered', { rating: 5 }, { user_id: 'bob@acme.com', ...acme })
    client.track('NPS Survey Answered', { score: 'n/a' }, { user_id: 'cy@acme.com', ...acme })
    await client.flush().promise
    project.clock.set(Date.parse('2026-11-20T14:10:00Z'))
  })
  afterAll(() => project.close())

  it('stores valid answers, quarantines the broken one, and counts none as usage', async () => {
    const { ctx } = testContext(project.url, credentials, { startDate: '2026-11-20' })
    const pages = await readPages(ctx, null)
    const load = new MemoryLoad(ctx.config).commit(pages)
    expect(
      [...load.surveys.values()]
        .map((r) => [r.respondent_id, r.kind, r.score])
        .sort((a, b) => String(a).localeCompare(String(b))),
    ).toEqual([
      ['ada@acme.com', 'nps', 10],
      ['bob@acme.com', 'csat', 5],
      ['bob@acme.com', 'nps', 6],
    ])
    expect(load.quarantined).toEqual([
      {
        sourceId: expect.any(String) as string,
        reason: 'event_properties.score: "n/a" is not a whole number (NPS answer)',
      },
    ])
    expect([...load.usage.values()]).toMatchObject([
      { source_account_id: 'acme.com', events: 1, user_ids: ['ada@acme.com'] },
    ])
    // Read again from the start: the same answers, nothing added.
    load.commit(await readPages(ctx, null))
    expect(load.surveys.size).toBe(3)
  })
})
