import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { AmplitudeSandbox } from './server.js'
import { credentials, sdkClient, sleep, startTestProject } from './test-project.js'

/**
 * The ways @amplitude/analytics-node 1.5.x loses events without a word (shared/specs NOTES),
 * reproduced against the sandbox with the SDK unmodified: the sandbox answers as Amplitude
 * does, and each test shows what reaches the project.
 */
describe('analytics-node traps against the sandbox', () => {
  let project: AmplitudeSandbox
  beforeAll(async () => {
    project = await startTestProject()
  })
  afterAll(() => project.close())
  beforeEach(() => {
    project.faults.reset()
    project.uploads.length = 0
  })

  const stored = (userId: string) =>
    project.store.all().filter((e) => e.event.user_id === userId).length

  it('flush() never retries a 429: the whole batch is dropped', async () => {
    const client = await sdkClient(`${project.url}/2/httpapi`, { flushQueueSize: 1000 })
    // 30 events per second over 30 seconds is HTTP V2's per-user threshold.
    const results = Array.from(
      { length: 901 },
      (_, i) => client.track('Search Performed', { i }, { user_id: 'busy@acme.com' }).promise,
    )
    await client.flush().promise
    const codes = new Set((await Promise.all(results)).map((r) => r.code))
    expect(codes).toEqual(new Set([429]))
    expect(project.uploads).toHaveLength(1)
    expect(project.uploads[0]).toMatchObject({ events: 901, code: 429 })
    expect(stored('busy@acme.com')).toBe(0)
  })

  it('flush() never retries a 413; only the timer-driven flush halves the batch', async () => {
    const flushed = await sdkClient(`${project.url}/2/httpapi`, { flushQueueSize: 3000 })
    const dropped = Array.from(
      { length: 2001 },
      (_, i) => flushed.track('Search Performed', {}, { user_id: `many-${i}@acme.com` }).promise,
    )
    await flushed.flush().promise
    expect(new Set((await Promise.all(dropped)).map((r) => r.code))).toEqual(new Set([413]))
    expect(project.uploads.map((u) => u.code)).toEqual([413])

    // Over 1 MB: ten events of 150 KB each. The timer's flush halves flushQueueSize and retries.
    project.uploads.length = 0
    const timed = await sdkClient(`${project.url}/2/httpapi`, {
      flushQueueSize: 10,
      flushIntervalMillis: 200,
    })
    const landed = await Promise.all(
      Array.from(
        { length: 10 },
        (_, i) =>
          timed.track(
            'Report Exported',
            { csv: 'x'.repeat(150_000) },
            { user_id: 'heavy@acme.com', event_id: i },
          ).promise,
      ),
    )
    expect(new Set(landed.map((r) => r.code))).toEqual(new Set([200]))
    expect(project.uploads.map((u) => [u.events, u.code])).toEqual([
      [10, 413],
      [5, 200],
      [5, 200],
    ])
  })

  it('flush() never retries a 5xx: the batch is dropped with the status', async () => {
    const client = await sdkClient(`${project.url}/2/httpapi`)
    project.faults.failNext(503, 1)
    const result = client.track('Report Created', {}, { user_id: 'unlucky@acme.com' }).promise
    await client.flush().promise
    expect((await result).code).toBe(503)
    expect(stored('unlucky@acme.com')).toBe(0)
  })

  it('one invalid event drops its whole batch with flush()', async () => {
    const client = await sdkClient(`${project.url}/2/httpapi`)
    const valid = client.track('Report Created', {}, { user_id: 'valid@acme.com' }).promise
    const invalid = client.track('Report Created', {}, {}).promise
    await client.flush().promise
    expect((await valid).code).toBe(400)
    expect((await invalid).code).toBe(400)
    expect(stored('valid@acme.com')).toBe(0)
  })

  it('an insert_id tracked again while its first send is in flight is dropped, its promise never settles', async () => {
    const client = await sdkClient(`${project.url}/2/httpapi`)
    project.faults.latencyMs = 300
    const first = client.track(
      'Comment Added',
      {},
      { user_id: 'twice@acme.com', insert_id: 'same-id' },
    ).promise
    const flushing = client.flush().promise
    await sleep(100)
    const second = client.track(
      'Comment Added',
      { again: true },
      {
        user_id: 'twice@acme.com',
        insert_id: 'same-id',
      },
    ).promise
    await flushing
    expect((await first).code).toBe(200)
    await client.flush().promise
    const outcome = await Promise.race([
      second.then(() => 'settled'),
      sleep(800).then(() => 'pending'),
    ])
    expect(outcome).toBe('pending')
    expect(project.uploads).toHaveLength(1)
    expect(stored('twice@acme.com')).toBe(1)
  })

  it('serverUrl loses its query string on the way', async () => {
    const client = await sdkClient(`${project.url}/2/httpapi?api_key=${credentials.apiKey}&debug=1`)
    const result = client.track('Dashboard Viewed', {}, { user_id: 'query@acme.com' }).promise
    await client.flush().promise
    expect((await result).code).toBe(200)
    expect(project.uploads).toEqual([{ path: '/2/httpapi', query: '', events: 1, code: 200 }])
  })

  it('drops the whole batch for an unknown API key, without retrying, even on the timer', async () => {
    const client = await sdkClient(
      `${project.url}/2/httpapi`,
      { flushIntervalMillis: 50 },
      'not-the-project-key',
    )
    const result = await client.track('Dashboard Viewed', {}, { user_id: 'keyless@acme.com' })
      .promise
    expect(result).toMatchObject({ code: 400, message: 'Invalid API key: not-the-project-key' })
    await sleep(200)
    expect(project.uploads).toEqual([{ path: '/2/httpapi', query: '', events: 1, code: 400 }])
  })
})

describe('HTTP V2 error bodies', () => {
  let project: AmplitudeSandbox
  beforeAll(async () => {
    project = await startTestProject()
  })
  afterAll(() => project.close())

  const post = (body: unknown, path = '/2/httpapi') =>
    fetch(`${project.url}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    })

  it('names events missing fields under events_with_missing_fields, first index per field', async () => {
    const res = await post({
      api_key: credentials.apiKey,
      events: [
        { event_type: 'Ok', user_id: 'fine@acme.com' },
        { user_id: 'notype@acme.com' },
        { event_type: 'No id' },
        { user_id: 'notype2@acme.com' },
      ],
    })
    expect(res.status).toBe(400)
    const body = (await res.json()) as Record<string, unknown>
    expect(body).toEqual({
      code: 400,
      error: 'Request missing required field',
      events_with_missing_fields: { event_type: [1], device_id: [2] },
    })
    expect(body).not.toHaveProperty('events_missing_required_fields')
  })

  it('answers every refusal as JSON with a numeric code', async () => {
    const cases: [unknown, number, Record<string, unknown>][] = [
      ['', 400, { error: 'Missing request body' }],
      ['{"api_key": ', 400, { error: 'Invalid JSON request body' }],
      [{ events: [] }, 400, { error: 'Request missing required field', missing_field: 'api_key' }],
      [
        {
          api_key: credentials.apiKey,
          events: [{ event_type: 'x', user_id: 'null', time: 'today' }],
        },
        400,
        {
          error: 'Invalid field values on some events',
          events_with_invalid_fields: { time: [0], user_id: [0] },
        },
      ],
      [
        {
          api_key: credentials.apiKey,
          events: Array.from({ length: 2001 }, () => ({ event_type: 'x', user_id: 'someone' })),
        },
        413,
        { error: 'Payload too large' },
      ],
      [
        {
          api_key: credentials.apiKey,
          events: [{ event_type: 'x', device_id: 'd'.repeat(1_100_000) }],
        },
        413,
        { error: 'Payload too large' },
      ],
    ]
    for (const [body, status, fields] of cases) {
      const res = await post(body)
      expect(res.status).toBe(status)
      expect(await res.json()).toEqual({ code: status, ...fields })
    }
    const batch = await post(
      {
        api_key: credentials.apiKey,
        events: [{ event_type: 'x', device_id: 'd'.repeat(1_100_000) }],
      },
      '/batch',
    )
    expect(await batch.json()).toMatchObject({ code: 200, events_ingested: 1 })
  })

  it('removes ids shorter than min_id_length and keeps the event when one id remains', async () => {
    const res = await post({
      api_key: credentials.apiKey,
      events: [{ event_type: 'Short', user_id: 'abc', device_id: 'device-12345' }],
    })
    expect(await res.json()).toMatchObject({ code: 200, events_ingested: 1 })
    const event = project.store.all().find((e) => e.event.event_type === 'Short')!.event
    expect(event).toMatchObject({ user_id: null, device_id: 'device-12345' })
    const allowed = await post({
      api_key: credentials.apiKey,
      events: [{ event_type: 'Shorter', user_id: 'abc' }],
      options: { min_id_length: 3 },
    })
    expect(await allowed.json()).toMatchObject({ code: 200 })
  })
})
