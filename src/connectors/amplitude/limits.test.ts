import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Cs360Error } from '../../errors.js'
import { amplitudeDatasetSchema } from '../../sandbox/amplitude/dataset-schema.js'
import { renderAmplitude } from '../../sandbox/amplitude/generator.js'
import type { AmplitudeSandbox } from '../../sandbox/amplitude/server.js'
import { credentials, startTestProject } from '../../sandbox/amplitude/test-project.js'
import { buildCompanyModel } from '../../sandbox/dataset/company-model.js'
import { amplitudeConnector } from './connector.js'
import { MemoryLoad, readPages, testContext } from './test-support.js'

const section = amplitudeDatasetSchema.parse(
  renderAmplitude(buildCompanyModel(5, '2026-11-19', 10), 5),
)
const config = { startDate: '2026-11-14', windowHours: 24 }

/** What the read leaves behind with no limit in the way: the reference for every case here. */
async function reference() {
  const project = await startTestProject(section, { exportRateLimit: false })
  try {
    const { ctx } = testContext(project.url, credentials, config)
    return new MemoryLoad(ctx.config).commit(await readPages(ctx, null))
  } finally {
    await project.close()
  }
}

describe('usage stream under the Export API’s limits', () => {
  let expected: MemoryLoad
  beforeAll(async () => {
    expected = await reference()
    expect(expected.usage.size).toBeGreaterThan(10)
  })

  it('waits out 429s for as long as Retry-After says, through ctx.wait', async () => {
    const project = await startTestProject(section, {
      exportRateLimit: { limit: 2, windowMs: 250 },
    })
    try {
      project.faults.failNext({
        status: 429,
        count: 1,
        body: 'slow down',
        headers: { 'Retry-After': '0.05' },
      })
      const { ctx, waits } = testContext(project.url, credentials, config)
      const load = new MemoryLoad(ctx.config).commit(await readPages(ctx, null))
      expect(load.usage).toEqual(expected.usage)
      expect(waits[0]).toEqual({ ms: 50, reason: expect.stringMatching(/rate limit/) })
      expect(waits.length).toBeGreaterThan(1)
      for (const { ms } of waits.slice(1)) expect(ms).toBeLessThanOrEqual(250)
      expect(project.calls.count((c) => c.status === 429)).toBe(waits.length)
    } finally {
      await project.close()
    }
  })

  it('halves a window the API finds too large and keeps the smaller window', async () => {
    const project = await startTestProject(section, {
      exportRateLimit: false,
      exportSizeLimitBytes: 20_000,
    })
    try {
      const { ctx } = testContext(project.url, credentials, config)
      const load = new MemoryLoad(ctx.config).commit(await readPages(ctx, null))
      expect(load.usage).toEqual(expected.usage)
      // Quiet first days let the window grow; once a window is refused as over 20 KB it is
      // halved and never grows past the refused size again.
      const statuses = project.calls.statuses()
      expect(statuses[0]).toBe(200)
      const refused = statuses.filter((s) => s === 400).length
      expect(refused).toBeGreaterThan(0)
      expect(refused).toBeLessThan(statuses.length - refused)
    } finally {
      await project.close()
    }
  })

  it('stops with an error naming the hour when a single hour is over the limit', async () => {
    const project = await startTestProject(section, {
      exportRateLimit: false,
      exportSizeLimitBytes: 500,
    })
    try {
      const { ctx } = testContext(project.url, credentials, config)
      const error = await readPages(ctx, null).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(Cs360Error)
      expect((error as Cs360Error).kind).toBe('api')
      expect((error as Cs360Error).message).toMatch(/exporting 20261114T\d\d.*S3/)
    } finally {
      await project.close()
    }
  })
})

describe('keys, check and outages', () => {
  let project: AmplitudeSandbox
  beforeAll(async () => {
    project = await startTestProject(section)
  })
  afterAll(() => project.close())

  it('check passes on a quiet hour: 404 still proves the keys', async () => {
    const { ctx } = testContext(project.url, credentials)
    const result = await amplitudeConnector.check(ctx)
    expect(result.ok).toBe(true)
    expect(result.detail).toMatch(/accepted the keys \(no events in hour \d{8}T\d{2}\)/)
  })

  it('turns refused keys into an auth error that names the config keys and where to find them', async () => {
    const { ctx } = testContext(project.url, { ...credentials, secretKey: 'wrong-secret' }, config)
    for (const attempt of [amplitudeConnector.check(ctx), readPages(ctx, null)]) {
      const error = (await attempt.catch((e: unknown) => e)) as Cs360Error
      expect(error.kind).toBe('auth')
      expect(error.message).toContain('connectors.amplitude.apiKey')
      expect(error.message).toContain('connectors.amplitude.secretKey')
      expect(error.message).toContain('Organization settings → Projects')
      expect(error.message).not.toContain('wrong-secret')
    }
  })

  it('leaves 5xx and unreachable servers to Temporal as transient, from the last committed hour', async () => {
    project.faults.failNext(503, 1)
    const { ctx } = testContext(project.url, credentials, config)
    const error = (await readPages(ctx, null).catch((e: unknown) => e)) as Cs360Error
    expect(error.kind).toBe('transient')
    const offline = testContext('http://127.0.0.1:9', credentials, config).ctx
    expect(((await readPages(offline, null).catch((e: unknown) => e)) as Cs360Error).kind).toBe(
      'transient',
    )
  })
})
