import { afterEach, describe, expect, it } from 'vitest'
import { parseConfig } from '../../config/load.js'
import { zendeskConnector } from '../../connectors/zendesk/connector.js'
import type { ZendeskConfig } from '../../connectors/zendesk/config.js'
import { idsOf, readPages } from '../../connectors/zendesk/test-context.js'
import type { ConnectorContext, StreamCheckpoint } from '../../connectors/types.js'
import { createLogger } from '../../logger.js'
import { findSandboxSystem } from '../registry.js'
import type { ZendeskSandbox } from './server.js'
import { zendeskSandboxSystem } from './system.js'

const kit = zendeskSandboxSystem.conformance!
// A CRM is required by the config schema; this one is never contacted.
const CRM =
  '  salesforce:\n    auth:\n      flow: client_credentials\n      clientId: x\n      clientSecret: ${SF_SECRET}\n'

describe('the Zendesk sandbox system', () => {
  let server: ZendeskSandbox
  afterEach(() => server.close())

  async function configured(extra = kit.configExtra, scale = 0.01) {
    const section = zendeskSandboxSystem.datasetSchema.parse(kit.section())
    server = await zendeskSandboxSystem.start(section, {
      port: 0,
      tuning: { rateLimitTimeScale: scale },
    })
    const [head, ...rest] = zendeskSandboxSystem.configYaml(server).split('\n')
    const yaml = `version: 1\nconnectors:\n${CRM}${[head, extra.replace(/\n$/, ''), ...rest].join('\n')}`
    const env: Record<string, string> = { ...zendeskSandboxSystem.env(server), SF_SECRET: 's' }
    return { yaml, env }
  }
  function contextOf(yaml: string, env: Record<string, string>): ConnectorContext<ZendeskConfig> {
    const parsed = parseConfig(yaml, env)
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems))
    const config = (parsed.config.connectors as { zendesk: ZendeskConfig }).zendesk
    return {
      config,
      log: createLogger({}, () => undefined),
      wait: (ms) => new Promise((r) => setTimeout(r, ms)),
    }
  }

  it('is registered at port offset 2 and writes a config the real loader accepts', async () => {
    expect(findSandboxSystem('zendesk')).toBe(zendeskSandboxSystem)
    expect(zendeskSandboxSystem.portOffset).toBe(2)
    const { yaml, env } = await configured()
    expect(env).toMatchObject({ ZENDESK_URL: server.url, ZENDESK_EMAIL: expect.any(String) })
    const ctx = contextOf(yaml, env)
    expect(ctx.config).toMatchObject({
      url: server.url,
      rateLimitWindowMs: 600,
      exportPageSize: 10,
      startDate: '2020-01-01',
    })
    expect(JSON.stringify(ctx.config)).not.toContain(env.ZENDESK_API_TOKEN)
    await expect(zendeskConnector.check(ctx)).resolves.toMatchObject({ ok: true })
    expect(zendeskSandboxSystem.describe(server).join('\n')).toContain(server.url)
  })

  it('leaves the pacing window at a minute for a sandbox at full scale', async () => {
    const { yaml, env } = await configured('', 1)
    expect(yaml).not.toContain('rateLimitWindowMs')
    expect(contextOf(yaml, env).config.rateLimitWindowMs).toBe(60_000)
  })

  it('gives the conformance suite what it promises, as the connector sees it', async () => {
    const { yaml, env } = await configured()
    const ctx = contextOf(yaml, env)
    const checkpoints = new Map<string, StreamCheckpoint>()
    for (const stream of zendeskConnector.streams) {
      const pages = await readPages(stream, ctx)
      expect(pages.length, stream.name).toBeGreaterThanOrEqual(3)
      const ids = pages.flatMap((p) => p.records.map((r) => kit.idOf(stream.name, r)))
      expect(ids.sort(), stream.name).toEqual(kit.sourceIds(server, stream.name).sort())
      checkpoints.set(stream.name, pages.at(-1)!.checkpoint)
    }
    const reread = async () => {
      const found: Record<string, number[]> = {}
      for (const stream of zendeskConnector.streams) {
        const pages = await readPages(stream, ctx, checkpoints.get(stream.name)!)
        if (pages.length > 0) checkpoints.set(stream.name, pages.at(-1)!.checkpoint)
        found[stream.name] = idsOf(pages)
      }
      return found
    }
    const changed = await kit.change(server)
    expect(await reread()).toEqual({
      organizations: [],
      tickets: [Number(changed.id)],
      satisfaction_ratings: [],
    })
    const removed = (await kit.remove(server))!
    const found = await reread()
    expect(found[removed.stream]).toEqual([Number(removed.id)])

    const drift = await kit.drift(server)
    const stream = zendeskConnector.streams.find((s) => s.name === drift.stream)!
    const [page] = await readPages(stream, ctx, checkpoints.get(drift.stream)!)
    const mapped = page!.records.map((raw) => ({
      id: kit.idOf(drift.stream, raw),
      out: stream.map(raw, ctx, page!),
    }))
    const kept = mapped.find((m) => m.id === drift.keptId)!.out
    expect(
      kept.ok && JSON.parse(String((kept.rows[0]!.row as { extra?: unknown }).extra)),
    ).toHaveProperty(drift.unknownField!)
    expect(mapped.find((m) => m.id === drift.brokenId)!.out).toMatchObject({
      ok: false,
      sourceId: drift.brokenId,
    })

    kit.rateLimitNext(server)
    const waits: number[] = []
    const recording = {
      ...ctx,
      wait: (ms: number, why: string) => (waits.push(ms), ctx.wait(ms, why)),
    }
    expect(await readPages(zendeskConnector.streams[2]!, recording)).not.toHaveLength(0)
    expect(waits).toEqual([1000])
    expect(kit.expireTokens(server)).toBe(false)
    await expect(
      zendeskConnector.check(contextOf(yaml, kit.badCredentials(env))),
    ).rejects.toMatchObject({
      kind: 'auth',
    })
  })
})
