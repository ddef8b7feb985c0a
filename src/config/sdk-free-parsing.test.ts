import { spawnSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'

/**
 * Parsing a config must not load any SaaS SDK: `cs360 check` of a typo, `init`, and every
 * command that only reads the config stay fast and work without the SDKs' side effects. A child
 * process records every module specifier it resolves while parsing, then while loading the
 * connectors the config names (the control: the probe does see SDKs).
 */
const PROBE = `
import { registerHooks } from 'node:module'
const seen = []
registerHooks({ resolve(specifier, context, next) { seen.push(specifier); return next(specifier, context) } })
// By package: a connector may import an SDK's inner module (jsforce/lib/…) besides its entry.
const sdks = () => [...new Set(seen.filter((s) => /^(jsforce|stripe|node-zendesk|@amplitude\\/)/.test(s)).map((s) => s.split('/').slice(0, s.startsWith('@') ? 2 : 1).join('/')))]
const { parseConfig } = await import('./src/config/load.ts')
const parsed = parseConfig(process.env.CONFIG, { S: 'secret', K: 'sk_test_x', A: 'a', Z: 'z' })
const afterParse = sdks()
const { loadConnector } = await import('./src/connectors/registry.ts')
for (const id of Object.keys(parsed.config.connectors)) await loadConnector(id)
console.log(JSON.stringify({ ok: parsed.ok, afterParse, afterLoad: sdks() }))
`

const CONFIG = `version: 1
connectors:
  salesforce:
    auth:
      flow: client_credentials
      clientId: x
      clientSecret: \${S}
  zendesk:
    url: https://acme.zendesk.com
    auth:
      type: api_token
      email: a@acme.com
      apiToken: \${Z}
  stripe:
    apiKey: \${K}
  amplitude:
    apiKey: \${A}
    secretKey: \${A}
`

describe('config parsing', () => {
  it('loads no SDK; a run loads only the connectors it uses', () => {
    const child = spawnSync('node', ['--import', 'tsx', '--input-type=module', '-e', PROBE], {
      env: { ...process.env, CONFIG },
      encoding: 'utf8',
      timeout: 60_000,
    })
    expect(child.stderr).toBe('')
    const result = JSON.parse(child.stdout) as {
      ok: boolean
      afterParse: string[]
      afterLoad: string[]
    }
    expect(result.ok).toBe(true)
    expect(result.afterParse).toEqual([])
    expect(new Set(result.afterLoad)).toEqual(new Set(['jsforce', 'node-zendesk', 'stripe']))
  }, 60_000)
})
