import { describe, expect, it } from 'vitest'
import { Secret } from '../../config/secret.js'
import type { HourUsage } from './aggregate.js'
import { amplitudeConfigSchema } from './config.js'
import { mapUsageRecord, usageRecordId } from './mapping.js'

const config = (extra: Record<string, unknown> = {}) =>
  amplitudeConfigSchema.parse({
    apiKey: new Secret('AMPLITUDE_API_KEY', 'k'),
    secretKey: new Secret('AMPLITUDE_SECRET_KEY', 's'),
    ...extra,
  })

const hour: HourUsage = {
  cs360: 'usage_hour',
  account: 'acme.com',
  day: '2026-11-20',
  hour: 23,
  events: 3,
  userIds: ['a@acme.com'],
  sessionIds: ['1'],
  eventTypes: ['Report Created'],
  name: 'Acme',
  firstSeenMs: Date.parse('2026-11-20T23:10:00Z'),
  lastSeenMs: Date.parse('2026-11-20T23:40:00Z'),
}

const event = (fields: Record<string, unknown>) => ({
  uuid: '11111111-2222-4333-8444-555555555555',
  event_type: 'Report Created',
  event_time: '2026-11-20 10:00:00.000000',
  server_upload_time: '2026-11-20 10:00:05.000000',
  user_id: 'a@acme.com',
  groups: { company: ['acme.com'] },
  ...fields,
})

describe('usage records onto customer-360 rows', () => {
  it('puts an hour into its day with only that hour’s bit, and files the account by its key', () => {
    const mapped = mapUsageRecord(hour, config())
    expect(mapped).toEqual({
      ok: true,
      rows: [
        {
          table: 'usage_daily',
          row: {
            source: 'amplitude',
            source_account_id: 'acme.com',
            day: '2026-11-20',
            hours_loaded: 8_388_608,
            events: 3,
            user_ids: ['a@acme.com'],
            session_ids: ['1'],
            event_types: ['Report Created'],
          },
        },
        {
          table: 'source_accounts',
          row: {
            source: 'amplitude',
            source_id: 'acme.com',
            name: 'Acme',
            domains: ['acme.com'],
            crm_account_ids: [],
            email: null,
            source_created_at: '2026-11-20T23:10:00.000Z',
            source_updated_at: '2026-11-20T23:40:00.000Z',
            deleted_at: null,
          },
        },
      ],
    })
    expect(usageRecordId(hour)).toBe(`acme.com/2026-11-20/${hour.hour}`)
  })

  it('files the key as a CRM id or a name when accountKeyHolds says so', () => {
    const asId = mapUsageRecord(
      { ...hour, account: '0015g000000000NAAQ', name: null },
      config({ accountKeyHolds: 'crmAccountId' }),
    )
    expect(asId.ok && asId.rows[1]!.row).toMatchObject({
      crm_account_ids: ['0015g000000000NAAQ'],
      domains: [],
      name: null,
    })
    const asName = mapUsageRecord(
      { ...hour, account: 'Acme Inc.' },
      config({ accountKeyHolds: 'name' }),
    )
    expect(asName.ok && asName.rows[1]!.row).toMatchObject({ name: 'Acme Inc.', domains: [] })
  })

  it('quarantines raw events with the field at fault', () => {
    const reason = (raw: unknown, extra?: Record<string, unknown>) => {
      const mapped = mapUsageRecord(raw, config(extra))
      return mapped.ok ? 'kept' : `${mapped.sourceId} ${mapped.reason}`
    }
    const id = '11111111-2222-4333-8444-555555555555'
    expect(reason(event({ groups: {} }))).toBe(
      `${id} groups.company: missing; the event names no customer account (connectors.amplitude.accountKey)`,
    )
    expect(reason(event({ server_upload_time: 'yesterday' }))).toBe(
      `${id} server_upload_time: not a UTC timestamp ("yesterday")`,
    )
    expect(reason(event({ event_time: '2026-13-45 99:00:00' }))).toMatch(
      /^\S+ event_time: not a UTC timestamp/,
    )
    expect(reason(event({ groups: { company: ['not a domain'] } }))).toMatch(
      /"not a domain" is not a web domain/,
    )
    expect(reason(event({ event_type: 7 }))).toMatch(/event_type: /)
    expect(
      reason(event({ user_properties: {} }), { accountKey: { userProperty: 'account_id' } }),
    ).toMatch(/user_properties\.account_id: missing/)
    expect(reason({ unreadableLine: '{"event_type": ' })).toBe('null export line: not JSON')
  })
})
