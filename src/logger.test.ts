import { describe, expect, it } from 'vitest'
import { Secret } from './config/secret.js'
import { createLogger, redactSecretsOf, type LoggerOptions } from './logger.js'

const at = new Date(2026, 10, 22, 17, 20, 1)

function capture(options: LoggerOptions) {
  const lines: string[] = []
  const log = createLogger({ command: 'worker' }, (line) => lines.push(line), {
    now: () => at,
    ...options,
  })
  return { log, lines }
}

describe('the structured logger', () => {
  it('writes one JSON object a line when not on a terminal', () => {
    const { log, lines } = capture({ format: 'json', level: 'info' })
    log.child({ run: 'r1' }).info('run started', { trigger: 'manual', streams: 3 })
    expect(lines).toHaveLength(1)
    expect(JSON.parse(lines[0]!)).toEqual({
      at: at.toISOString(),
      level: 'info',
      message: 'run started',
      command: 'worker',
      run: 'r1',
      trigger: 'manual',
      streams: 3,
    })
  })

  it('writes time, level, message and key=value pairs for a person on a terminal', () => {
    const { log, lines } = capture({ format: 'human', level: 'info' })
    log.warn('step finished', { step: 'extract:salesforce:Account', read: 300, note: 'two words' })
    expect(lines).toEqual([
      '17:20:01 warn  step finished command=worker step=extract:salesforce:Account read=300 note="two words"',
    ])
    expect(lines[0]).not.toContain('\u001b')
  })

  it('drops lines under its level; silent keeps errors only', () => {
    const info = capture({ format: 'json', level: 'info' })
    info.log.debug('detail')
    info.log.info('kept')
    expect(info.lines.map((l) => JSON.parse(l).message)).toEqual(['kept'])
    const debug = capture({ format: 'json', level: 'debug' })
    debug.log.debug('detail')
    expect(debug.lines).toHaveLength(1)
    const silent = capture({ format: 'json', level: 'silent' })
    silent.log.info('dropped')
    silent.log.warn('dropped')
    silent.log.error('kept')
    expect(silent.lines.map((l) => JSON.parse(l).message)).toEqual(['kept'])
  })

  it('keeps the old quiet flag: true is errors only', () => {
    const lines: string[] = []
    const log = createLogger({}, (l) => lines.push(l), true)
    log.info('dropped')
    log.error('kept')
    expect(lines).toHaveLength(1)
  })

  for (const format of ['json', 'human'] as const) {
    it(`redacts secrets in ${format} lines: secret keys, Secrets, configured values, inline credentials`, () => {
      redactSecretsOf({
        connectors: {
          zendesk: { auth: { apiToken: new Secret('ZENDESK_API_TOKEN', 'zd-s3cr3t-value') } },
        },
      })
      const { log, lines } = capture({ format, level: 'info' })
      log.info('calling the API with zd-s3cr3t-value failed: Authorization: Bearer abcdefghijkl', {
        password: 'hunter2',
        headers: { Authorization: 'Basic xyz', accept: 'json' },
        apiKey: 'k-123',
        clientSecret: new Secret('SF_SECRET', 'sf-secret-value'),
        detail: 'retry with refresh_token=rt-98765 and password=hunter2',
        nested: [{ error: new Error('token zd-s3cr3t-value expired') }],
        records: 12,
      })
      const line = lines[0]!
      for (const leaked of [
        'zd-s3cr3t-value',
        'abcdefghijkl',
        'hunter2',
        'xyz',
        'k-123',
        'sf-secret-value',
        'rt-98765',
      ])
        expect(line).not.toContain(leaked)
      expect(line).toContain('[redacted]')
      expect(line).toContain('json')
      expect(line).toMatch(/records[=":]+12/)
      if (format === 'json') {
        const parsed = JSON.parse(line)
        expect(parsed.password).toBe('[redacted]')
        expect(parsed.headers).toEqual({ Authorization: '[redacted]', accept: 'json' })
        expect(parsed.detail).toBe('retry with refresh_token=[redacted] and password=[redacted]')
      }
    })
  }

  it('leaves ordinary words that merely mention credentials alone', () => {
    const { log, lines } = capture({ format: 'json', level: 'info' })
    log.info('tokens: 5, tests passed: 3', { waiting: 'HubSpot ten-second rate limit' })
    expect(JSON.parse(lines[0]!)).toMatchObject({
      message: 'tokens: 5, tests passed: 3',
      waiting: 'HubSpot ten-second rate limit',
    })
  })
})
