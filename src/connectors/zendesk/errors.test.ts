import { describe, expect, it } from 'vitest'
import { Cs360Error } from '../../errors.js'
import { classifyZendeskError, isTooRecentStartTime, retryAfterMs } from './errors.js'
import { RequestPacer } from './pacer.js'

/** What node-zendesk throws with throwOriginalException: an Error with statusCode and body. */
const sdkError = (statusCode: number, result: unknown = {}) =>
  Object.assign(new Error(`Zendesk Error (${statusCode}): whatever`), { statusCode, result })

describe('classifyZendeskError', () => {
  it('makes 401 and 403 auth errors that name the config key and how to get a token', () => {
    const refused = classifyZendeskError(sdkError(401, { error: "Couldn't authenticate you" }), 'x')
    expect(refused.kind).toBe('auth')
    expect(refused.message).toContain('connectors.zendesk.auth')
    expect(refused.message).toContain('Admin Center → Apps and integrations → APIs → Zendesk API')
    expect(refused.message).toContain("Couldn't authenticate you")
    expect(classifyZendeskError(sdkError(403, { error: 'Forbidden' }), 'x').kind).toBe('auth')
    // Without throwOriginalException the status survives only in the message.
    const wrapped = new Error('Request processing failed: Zendesk Error (401): Not Authorized')
    expect(classifyZendeskError(wrapped, 'x').kind).toBe('auth')
  })

  it('makes a 429 a rate-limit error carrying Retry-After, a minute without one', () => {
    const resolved = Object.assign(new Error('Zendesk rate limits 200 requests per minute'), {
      statusCode: 429,
    })
    expect(classifyZendeskError(resolved, 'x', '7').details.retryAfterMs).toBe(7000)
    expect(classifyZendeskError(resolved, 'x', '0.600').details.retryAfterMs).toBe(600)
    const bare = classifyZendeskError(sdkError(429), 'x')
    expect(bare).toMatchObject({ kind: 'rate_limit', details: { retryAfterMs: 60_000 } })
  })

  it('makes 5xx and network failures transient, an unknown endpoint a config error', () => {
    expect(classifyZendeskError(sdkError(503), 'x').kind).toBe('transient')
    expect(classifyZendeskError({ statusCode: 502, result: {} }, 'x').kind).toBe('transient')
    const refused = Object.assign(new TypeError('fetch failed'), {
      cause: { code: 'ECONNREFUSED' },
    })
    expect(classifyZendeskError(refused, 'x').kind).toBe('transient')
    const endpoint = classifyZendeskError(sdkError(404, { error: 'InvalidEndpoint' }), 'x')
    expect(endpoint.kind).toBe('config')
    expect(endpoint.message).toContain('connectors.zendesk.url')
  })

  it('keeps other refusals as API errors with Zendesk’s own words', () => {
    const invalid = classifyZendeskError(
      sdkError(422, { error: 'InvalidValue', description: 'Invalid cursor' }),
      'exporting tickets',
    )
    expect(invalid.kind).toBe('api')
    expect(invalid.message).toBe(
      'Zendesk, exporting tickets: Zendesk Error (422): whatever (InvalidValue: Invalid cursor)',
    )
    const same = new Cs360Error('auth', 'already classified')
    expect(classifyZendeskError(same, 'x')).toBe(same)
  })

  it('recognizes the export’s refusal of a start_time inside the newest minute', () => {
    const tooRecent = sdkError(422, {
      error: 'InvalidValue',
      description: 'Too recent start_time. Use a start_time older than 1 minute',
    })
    expect(isTooRecentStartTime(classifyZendeskError(tooRecent, 'x'))).toBe(true)
    expect(isTooRecentStartTime(classifyZendeskError(sdkError(422, {}), 'x'))).toBe(false)
  })

  it('reads Retry-After in whole and fractional seconds', () => {
    expect(retryAfterMs('93')).toBe(93_000)
    expect(retryAfterMs('0.001')).toBe(1)
    expect(retryAfterMs('soon')).toBeUndefined()
    expect(retryAfterMs(null)).toBeUndefined()
  })
})

describe('RequestPacer', () => {
  it('lets `limit` requests through a window, then waits for the oldest answer’s window to pass', () => {
    let now = 1_000
    const pacer = new RequestPacer(3, 600, () => now)
    for (let i = 0; i < 3; i++) {
      expect(pacer.delayMs()).toBe(0)
      pacer.recordAnswer()
      now += 100
    }
    // Answers at 1000, 1100, 1200: the fourth request may start at 1600.
    expect(pacer.delayMs()).toBe(1_600 - now)
    now = 1_600
    expect(pacer.delayMs()).toBe(0)
    pacer.recordAnswer()
    expect(pacer.delayMs()).toBe(1_700 - now)
  })
})
