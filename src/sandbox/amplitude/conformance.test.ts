import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import YAML from 'yaml'
import { amplitudeConnector } from '../../connectors/amplitude/connector.js'
import { MemoryLoad, readPages, testContext } from '../../connectors/amplitude/test-support.js'
import type { Cs360Error } from '../../errors.js'
import type { AmplitudeSandbox } from './server.js'
import { amplitudeSandboxSystem } from './system.js'

const kit = amplitudeSandboxSystem.conformance!
const extra = YAML.parse(kit.configExtra) as Record<string, unknown>

/** The kit drives the sandbox as the conformance suite will; the connector must see it all. */
describe('Amplitude conformance kit against the connector', () => {
  let server: AmplitudeSandbox
  beforeAll(async () => {
    server = await amplitudeSandboxSystem.start(kit.section() as never, { port: 0, tuning: {} })
  })
  afterAll(() => server.close())

  const context = (env = amplitudeSandboxSystem.env(server)) =>
    testContext(
      env.AMPLITUDE_URL!,
      { apiKey: env.AMPLITUDE_API_KEY!, secretKey: env.AMPLITUDE_SECRET_KEY! },
      extra,
    )
  const ids = (pages: Awaited<ReturnType<typeof readPages>>) =>
    [...new Set(pages.flatMap((p) => p.records.map((r) => kit.idOf('usage', r))))].sort()

  it('serves a section whose full read spans many pages and returns exactly sourceIds', async () => {
    const pages = await readPages(context().ctx, null)
    expect(pages.filter((p) => p.records.length > 0).length).toBeGreaterThanOrEqual(3)
    expect(ids(pages)).toEqual(kit.sourceIds(server, 'usage'))
  })

  it('change: the next incremental read yields exactly the changed record', async () => {
    const { ctx } = context()
    const first = await readPages(ctx, null)
    const changed = await kit.change(server)
    expect(changed.stream).toBe('usage')
    const next = await readPages(ctx, first.at(-1)!.checkpoint)
    expect(ids(next)).toEqual([changed.id])
    expect(await readPages(ctx, next.at(-1)!.checkpoint)).toEqual([])
  })

  it('drift: the unknown field needs no place, the broken event is quarantined', async () => {
    const { ctx } = context()
    const before = await readPages(ctx, null)
    const drift = await kit.drift(server)
    expect(drift.unknownField).toBeNull()
    const pages = await readPages(ctx, before.at(-1)!.checkpoint)
    const load = new MemoryLoad(ctx.config).commit(pages)
    // The kept record is an account's hour; it lands on that account's day.
    expect([...load.usage.keys()]).toEqual([drift.keptId.replace(/\/\d+$/, '')])
    expect(load.quarantined).toEqual([{ sourceId: drift.brokenId, reason: expect.any(String) }])
  })

  it('rateLimitNext is waited out; bad credentials fail check with an auth error', async () => {
    kit.rateLimitNext(server)
    const { ctx, waits } = context()
    await readPages(ctx, null, 1)
    expect(waits).toEqual([{ ms: 1000, reason: expect.stringMatching(/rate limit/) }])
    expect(kit.remove(server)).toBeNull()
    expect(kit.expireTokens(server)).toBe(false)
    const bad = context(kit.badCredentials(amplitudeSandboxSystem.env(server))).ctx
    const error = (await amplitudeConnector.check(bad).catch((e: unknown) => e)) as Cs360Error
    expect(error.kind).toBe('auth')
  })
})
