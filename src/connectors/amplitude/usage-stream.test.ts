import { Identify } from '@amplitude/analytics-node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AmplitudeSandbox } from '../../sandbox/amplitude/server.js'
import { credentials, sdkClient, startTestProject } from '../../sandbox/amplitude/test-project.js'
import { MemoryLoad, readPages, testContext } from './test-support.js'

const HOUR = 3_600_000

/**
 * A customer's product sends events with analytics-node as it would in production (tracks with
 * the company group, identify, groupIdentify); the connector reads them back through the Export
 * API and the day rows must match what was sent, counted by hand.
 */
describe('usage stream over events the product sent with analytics-node', () => {
  let project: AmplitudeSandbox
  beforeAll(async () => {
    project = await startTestProject()
    const client = await sdkClient(`${project.url}/2/httpapi`)
    const acme = { groups: { company: 'acme.com' } }
    // 10:15 on 2026-11-20 (the project's pinned clock).
    client.track('Report Created', {}, { user_id: 'ada@acme.com', session_id: 1, ...acme })
    client.track('Report Created', {}, { user_id: 'ada@acme.com', session_id: 1, ...acme })
    client.track('Search Performed', {}, { user_id: 'ada@acme.com', session_id: 1, ...acme })
    client.track(
      'Report Created',
      {},
      {
        user_id: 'bob@acme.com',
        session_id: 2,
        groups: { company: 'Acme.com' },
      },
    )
    client.track(
      'Dashboard Viewed',
      {},
      {
        user_id: 'cy@globex.io',
        session_id: 3,
        groups: { company: ['globex.io'] },
      },
    )
    client.groupIdentify('company', 'globex.io', new Identify().set('name', 'Globex GmbH'), {
      user_id: 'cy@globex.io',
    })
    client.identify(new Identify().set('plan', 'pro'), { user_id: 'dan@acme.com' })
    client.track('Report Created', {}, { user_id: 'nobody@nowhere.example' })
    await client.flush().promise
    project.clock.advance(HOUR) // 11:15
    client.track('Alert Configured', {}, { user_id: 'ada@acme.com', session_id: 4, ...acme })
    await client.flush().promise
    project.clock.set(Date.parse('2026-11-21T00:30:00Z'))
    client.track('Dashboard Viewed', {}, { user_id: 'eve@acme.com', session_id: 5, ...acme })
    await client.flush().promise
    // Hours up to 03:00 on the 21st are loaded; the connector goes by the server's clock.
    project.clock.set(Date.parse('2026-11-21T06:10:00Z'))
  })
  afterAll(() => project.close())

  const read = async (config: Record<string, unknown> = {}) => {
    const { ctx } = testContext(project.url, credentials, { startDate: '2026-11-20', ...config })
    const pages = await readPages(ctx, null)
    return { pages, load: new MemoryLoad(ctx.config).commit(pages) }
  }

  it('sums each account’s day from its hours', async () => {
    const { load } = await read()
    expect([...load.usage.values()]).toEqual([
      {
        source: 'amplitude',
        source_account_id: 'acme.com',
        day: '2026-11-20',
        hours_loaded: 2 ** 10 + 2 ** 11,
        events: 5,
        user_ids: ['ada@acme.com', 'bob@acme.com'],
        session_ids: ['1', '2', '4'],
        event_types: ['Alert Configured', 'Report Created', 'Search Performed'],
      },
      {
        source: 'amplitude',
        source_account_id: 'globex.io',
        day: '2026-11-20',
        hours_loaded: 2 ** 10,
        events: 1,
        user_ids: ['cy@globex.io'],
        session_ids: ['3'],
        event_types: ['Dashboard Viewed'],
      },
      {
        source: 'amplitude',
        source_account_id: 'acme.com',
        day: '2026-11-21',
        hours_loaded: 2 ** 0,
        events: 1,
        user_ids: ['eve@acme.com'],
        session_ids: ['5'],
        event_types: ['Dashboard Viewed'],
      },
    ])
  })

  it('files each account key as a domain, named by $groupidentify, seen first and last', async () => {
    const { load } = await read()
    expect(load.accounts.get('acme.com')).toMatchObject({
      name: null,
      domains: ['acme.com'],
      crm_account_ids: [],
      source_created_at: '2026-11-20T10:15:00.000Z',
      source_updated_at: '2026-11-21T00:30:00.000Z',
    })
    expect(load.accounts.get('globex.io')).toMatchObject({
      name: 'Globex GmbH',
      domains: ['globex.io'],
    })
  })

  it('quarantines the event that names no account, with the field in the reason', async () => {
    const { load } = await read()
    expect(load.quarantined).toEqual([
      {
        sourceId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        reason: expect.stringMatching(/^groups\.company: missing/),
      },
    ])
  })

  it('pages by hour, oldest first, each page resuming after itself, up to the loaded hours', async () => {
    const { pages } = await read()
    const withData = pages.filter((p) => p.records.length > 0).map((p) => p.checkpoint.next)
    expect(withData).toEqual(['20261120T11', '20261120T12', '20261121T01'])
    expect(pages.at(-1)!.checkpoint).toEqual({ next: '20261121T04' })
    const again = await readPages(
      testContext(project.url, credentials).ctx,
      pages.at(-1)!.checkpoint,
    )
    expect(again).toEqual([])
  })

  it('commits hours in pages of about pageSize account-hours, each resuming after its last hour', async () => {
    const hourly = await read()
    const batched = await read({ pageSize: 1_000 })
    // One page per export window (two days here) instead of one per hour with data.
    const total = (pages: { records: unknown[] }[]) =>
      pages.reduce((sum, p) => sum + p.records.length, 0)
    expect(batched.pages.length).toBe(2)
    expect(hourly.pages.filter((p) => p.records.length > 0).length).toBe(3)
    expect(total(batched.pages)).toBe(total(hourly.pages))
    expect(batched.pages.at(-1)!.checkpoint).toEqual(hourly.pages.at(-1)!.checkpoint)
    expect(batched.load.usage).toEqual(hourly.load.usage)
  })

  it('keys accounts by a user property the product sets, e.g. a CRM account id', async () => {
    const client = await sdkClient(`${project.url}/2/httpapi`)
    project.clock.set(Date.parse('2026-11-21T07:05:00Z'))
    client.identify(new Identify().set('account_id', '0015g000000000NAAQ'), {
      user_id: 'fay@lark.de',
    })
    client.track('Workflow Run', {}, { user_id: 'fay@lark.de', session_id: 9 })
    await client.flush().promise
    project.clock.set(Date.parse('2026-11-21T10:10:00Z'))
    const { load } = await read({
      startDate: '2026-11-21',
      accountKey: { userProperty: 'account_id' },
      accountKeyHolds: 'crmAccountId',
    })
    expect(load.usage.get('0015g000000000NAAQ/2026-11-21')).toMatchObject({
      hours_loaded: 2 ** 7,
      events: 1,
      user_ids: ['fay@lark.de'],
    })
    expect(load.accounts.get('0015g000000000NAAQ')).toMatchObject({
      crm_account_ids: ['0015g000000000NAAQ'],
      domains: [],
    })
  })
})
