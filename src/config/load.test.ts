import { readFileSync } from 'node:fs'
import { inspect } from 'node:util'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { parseConfig, toProblem } from './load.js'
import { Secret } from './secret.js'

const example = readFileSync(new URL('./cs360.config.example.yaml', import.meta.url), 'utf8')
const env = { SALESFORCE_CLIENT_ID: 'id-123', SALESFORCE_CLIENT_SECRET: 'shh-very-secret' }

describe('config', () => {
  it('accepts the example written by `cs360 init`', () => {
    const result = parseConfig(example, env)
    expect(result.ok).toBe(true)
    if (!result.ok) return
    const sf = result.config.connectors.salesforce as {
      loginUrl: string
      auth: { clientSecret: Secret }
    }
    expect(sf.loginUrl).toBe('https://login.salesforce.com')
    expect(sf.auth.clientSecret).toBeInstanceOf(Secret)
    expect(sf.auth.clientSecret.reveal()).toBe('shh-very-secret')
  })

  it('never renders a secret value', () => {
    const result = parseConfig(example, env)
    if (!result.ok) throw new Error('example invalid')
    const rendered =
      JSON.stringify(result.config) +
      inspect(result.config, { depth: 10 }) +
      String(result.config.connectors.salesforce)
    expect(rendered).not.toContain('shh-very-secret')
    expect(JSON.stringify(result.config)).toContain('SALESFORCE_CLIENT_SECRET')
  })

  it('names the key path and the fix for a missing secret variable', () => {
    const result = parseConfig(example, { SALESFORCE_CLIENT_ID: 'id' })
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.problems).toEqual([
      {
        path: ['connectors', 'salesforce', 'auth', 'clientSecret'],
        message: expect.stringContaining(
          'environment variable SALESFORCE_CLIENT_SECRET is not set',
        ),
      },
    ])
  })

  it('says a key present with the wrong type has the wrong type, not that it is required', () => {
    const result = parseConfig(
      example.replace("apiVersion: '62.0'", 'apiVersion: 62').replace('every: 6h', 'every: [6h]'),
      env,
    )
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.problems).toContainEqual({
      path: ['connectors', 'salesforce', 'apiVersion'],
      message: "expected a string, got number: quote it in the YAML, '62'",
    })
    expect(result.problems).toContainEqual({
      path: ['schedule', 'every'],
      message: 'expected a string, got a list',
    })
    expect(result.problems.map((p) => p.message).join('\n')).not.toContain('is required')
  })

  it('toProblem: absent is "is required", present with another type is "expected …, got …"', () => {
    const schema = z.object({ name: z.string(), tiers: z.array(z.string()), limits: z.object({}) })
    const problems = (input: unknown) =>
      (schema.safeParse(input).error?.issues ?? []).map((issue) => toProblem(issue, input))
    expect(problems({ tiers: [], limits: {} })).toEqual([
      { path: ['name'], message: expect.stringMatching(/^is required \(/) as unknown },
    ])
    expect(problems({ name: true, tiers: 'gold', limits: null })).toEqual([
      { path: ['name'], message: "expected a string, got boolean: quote it in the YAML, 'true'" },
      { path: ['tiers'], message: 'expected a list, got string' },
      { path: ['limits'], message: 'expected a mapping, got null (an empty value)' },
    ])
  })

  it('rejects a literal credential', () => {
    const text = example.replace('${SALESFORCE_CLIENT_SECRET}', 'hunter2')
    const result = parseConfig(text, env)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.problems[0]?.path.join('.')).toBe('connectors.salesforce.auth.clientSecret')
    expect(result.problems[0]?.message).toMatch(
      /environment reference such as \$\{SALESFORCE_CLIENT_SECRET\}/,
    )
  })

  it('reports every problem at once, each with its path', () => {
    const text = example
      .replace('every: 6h', 'every: often')
      .replace('apiVersion:', 'apiVersoin:')
      .replace('usage: 30', 'usage: -1')
    const result = parseConfig(text, env)
    expect(result.ok).toBe(false)
    if (result.ok) return
    const paths = result.problems.map((p) => p.path.join('.')).sort()
    expect(paths).toEqual([
      'connectors.salesforce.apiVersoin',
      'model.health.weights.usage',
      'schedule.every',
    ])
  })

  it('requires a CRM connector', () => {
    const result = parseConfig('version: 1\nconnectors: {}\n', env)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.problems[0]?.message).toMatch(/configure one CRM connector/)
  })

  it('reports YAML syntax errors', () => {
    const result = parseConfig('version: 1\nconnectors: [unclosed\n', env)
    expect(result.ok).toBe(false)
  })
})
