import { Identify } from '@amplitude/analytics-node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AmplitudeSandbox } from './server.js'
import {
  basicAuth,
  exportRequest,
  readExport,
  sdkClient,
  sleep,
  startTestProject,
} from './test-project.js'

const HOUR = 3_600_000

describe('Amplitude sandbox: analytics-node in, Export API out', () => {
  let project: AmplitudeSandbox
  beforeAll(async () => {
    project = await startTestProject({ projectId: 777_001 })
  })
  afterAll(() => project.close())

  it('exports what the SDK sent, by upload hour, as the zip of gzipped NDJSON files', async () => {
    const client = await sdkClient(`${project.url}/2/httpapi`)
    const tracked = client.track(
      'Report Created',
      { report_type: 'funnel' },
      { user_id: 'ada@acme.com', groups: { company: 'acme.com' }, session_id: 1_700_000_000_000 },
    )
    const identify = new Identify()
      .set('plan', 'pro')
      .setOnce('first_seen', '2026-11-01')
      .add('logins', 1)
    client.identify(identify, { user_id: 'ada@acme.com' })
    client.groupIdentify('company', 'acme.com', new Identify().set('name', 'Acme Inc.'), {
      user_id: 'ada@acme.com',
    })
    client.setGroup('company', 'acme.com', { user_id: 'bob@acme.com' })
    client.track('Dashboard Viewed', undefined, { user_id: 'bob@acme.com' })
    await client.flush().promise
    expect((await tracked.promise).code).toBe(200)

    // Uploaded at 10:15 on the project's clock; loaded two hours after the hour ends.
    const early = await exportRequest(project.url, '20261120T10', '20261120T10')
    expect(early.status).toBe(404)
    project.clock.advance(3 * HOUR)
    const res = await exportRequest(project.url, '20261120T09', '20261120T11')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/zip')
    const files = readExport(await res.arrayBuffer())
    expect([...files.keys()]).toEqual(['777001/777001_2026-11-20_10#0.json.gz'])
    const events = files.get('777001/777001_2026-11-20_10#0.json.gz')!
    expect(events.map((e) => e.event_type)).toEqual([
      'Report Created',
      '$identify',
      '$groupidentify',
      '$identify',
      'Dashboard Viewed',
    ])
    const [report, identified, grouped, setGroup, viewed] = events as [
      Record<string, unknown>,
      Record<string, unknown>,
      Record<string, unknown>,
      Record<string, unknown>,
      Record<string, unknown>,
    ]
    expect(report).toMatchObject({
      app: 777_001,
      user_id: 'ada@acme.com',
      groups: { company: ['acme.com'] },
      event_properties: { report_type: 'funnel' },
      session_id: 1_700_000_000_000,
      server_upload_time: '2026-11-20 10:15:00.000000',
      library: expect.stringMatching(/^amplitude-node-ts\//),
    })
    expect(report.$insert_id).toBe((await tracked.promise).event.insert_id)
    expect(identified.user_properties).toEqual({
      $set: { plan: 'pro' },
      $setOnce: { first_seen: '2026-11-01' },
      $add: { logins: 1 },
    })
    expect(grouped).toMatchObject({
      groups: { company: ['acme.com'] },
      group_properties: { $set: { name: 'Acme Inc.' } },
    })
    expect(setGroup.groups).toEqual({ company: ['acme.com'] })
    // Amplitude keeps what $identify set on the user, and setGroup's group, for later events.
    expect(viewed).toMatchObject({
      groups: { company: ['acme.com'] },
      user_properties: { company: 'acme.com' },
    })
    expect(String(viewed.device_id)).toMatch(/^[0-9a-f]{32}$/)
  })

  it('answers an export the same bytes every time', async () => {
    const a = Buffer.from(
      await (await exportRequest(project.url, '20261120T00', '20261120T23')).arrayBuffer(),
    )
    const b = Buffer.from(
      await (await exportRequest(project.url, '20261120T00', '20261120T23')).arrayBuffer(),
    )
    expect(a.length).toBeGreaterThan(100)
    expect(a.equals(b)).toBe(true)
  })

  it('refuses bad keys, malformed hours, ranges over 365 days, and says 404 for no data', async () => {
    const wrong = await exportRequest(
      project.url,
      '20261120T10',
      '20261120T10',
      basicAuth('test-api-key-0123', 'nope'),
    )
    expect(wrong.status).toBe(401)
    const missing = await fetch(`${project.url}/api/2/export?start=20261120T10&end=20261120T11`)
    expect(missing.status).toBe(401)
    expect((await exportRequest(project.url, '2026-11-20', '20261120T11')).status).toBe(400)
    expect((await exportRequest(project.url, '20261120T11', '20261120T10')).status).toBe(400)
    expect((await exportRequest(project.url, '20251120T00', '20261119T23')).status).toBe(404)
    const tooLong = await exportRequest(project.url, '20251120T00', '20261120T00')
    expect(tooLong.status).toBe(400)
    expect(await tooLong.text()).toMatch(/365 days/)
  })

  it('drops a re-sent insert_id for seven days', async () => {
    const client = await sdkClient(`${project.url}/2/httpapi`)
    const send = async () => {
      client.track('Comment Added', undefined, { user_id: 'cy@acme.com', insert_id: 'comment-1' })
      await client.flush().promise
    }
    const uploadedAt = project.clock.now()
    await send()
    await send()
    project.clock.advance(8 * 24 * HOUR)
    await send()
    const count = (events: Record<string, unknown>[]) =>
      events.filter((e) => e.$insert_id === 'comment-1').length
    const stored = project.store.all().map((e) => e.event)
    expect(count(stored)).toBe(2)
    expect(project.store.all().filter((e) => e.event.$insert_id === 'comment-1')[0]!.uploadMs).toBe(
      uploadedAt,
    )
  })
})

describe('Amplitude sandbox: planned usage, limits', () => {
  const section = {
    projectId: 42,
    from: '2026-11-18',
    features: ['Dashboard Viewed', 'Search Performed', 'Report Created'],
    users: Array.from({ length: 30 }, (_, i) => ({
      user_id: `user${i}@globex.io`,
      device_id: `device-${i}-0000`,
      amplitude_id: 1000 + i,
      groups: { company: ['globex.io'] },
      user_properties: { company: 'globex.io' },
      platform: 'Web',
      os_name: 'Chrome',
      country: 'Germany',
      days: '0.2.6.7 1.1.3.3',
    })),
  }
  let project: AmplitudeSandbox
  beforeAll(async () => {
    project = await startTestProject(section, {
      exportSizeLimitBytes: 200_000,
      eventsPerFile: 25,
      exportRateLimit: false,
    })
  })
  afterAll(() => project.close())

  const dayExport = async (day: string) => {
    const res = await exportRequest(project.url, `${day}T00`, `${day}T23`)
    expect(res.status).toBe(200)
    return [...readExport(await res.arrayBuffer())].flatMap(([name, events]) =>
      events.map((e) => ({ name, e })),
    )
  }

  it('expands each planned day into its events, uploaded seconds after they happened', async () => {
    const first = await dayExport('20261118')
    const second = await dayExport('20261119')
    expect(first).toHaveLength(30 * 6)
    expect(second).toHaveLength(30 * 3)
    for (const { name, e } of [...first, ...second]) {
      const time = Date.parse(`${String(e.event_time).replace(' ', 'T')}Z`)
      const uploaded = Date.parse(`${String(e.server_upload_time).replace(' ', 'T')}Z`)
      expect(uploaded - time).toBeGreaterThanOrEqual(200)
      expect(uploaded - time).toBeLessThanOrEqual(30_000)
      const hour = new Date(uploaded).getUTCHours()
      expect(name).toMatch(
        new RegExp(`^42/42_${String(e.server_upload_time).slice(0, 10)}_${hour}#\\d+\\.json\\.gz$`),
      )
    }
    const types = (user: string) =>
      first.filter(({ e }) => e.user_id === user).map(({ e }) => e.event_type)
    expect(new Set(types('user0@globex.io'))).toEqual(
      new Set(['Dashboard Viewed', 'Search Performed', 'Report Created']),
    )
    const sessions = new Set(
      first.filter(({ e }) => e.user_id === 'user3@globex.io').map(({ e }) => e.session_id),
    )
    expect(sessions.size).toBe(2)
  })

  it('splits a busy hour into several files and refuses exports over the size limit', async () => {
    const names = new Set((await dayExport('20261118')).map(({ name }) => name))
    expect([...names].some((n) => n.endsWith('#1.json.gz'))).toBe(true)
    const both = await exportRequest(project.url, '20261118T00', '20261119T23')
    expect(both.status).toBe(400)
    expect(await both.text()).toMatch(/too large/)
  })

  it('throttles exports with 429 and Retry-After', async () => {
    const throttled = await startTestProject(section, {
      exportRateLimit: { limit: 3, windowMs: 400 },
    })
    try {
      const statuses: number[] = []
      let retryAfter: string | null = null
      for (let i = 0; i < 4; i++) {
        const res = await exportRequest(throttled.url, '20261119T00', '20261119T23')
        statuses.push(res.status)
        if (res.status === 429) retryAfter = res.headers.get('retry-after')
      }
      expect(statuses).toEqual([200, 200, 200, 429])
      expect(Number(retryAfter)).toBeGreaterThan(0)
      expect(Number(retryAfter)).toBeLessThanOrEqual(0.4)
      await sleep(Number(retryAfter) * 1000 + 20)
      expect((await exportRequest(throttled.url, '20261119T00', '20261119T23')).status).toBe(200)
    } finally {
      await throttled.close()
    }
  })
})
