import type { SandboxRequest, SandboxResponse } from '../framework/http-server.js'
import { stripeError } from './errors.js'

/**
 * Idempotent POSTs: a repeated `Idempotency-Key` replays the first answer (with
 * `Idempotent-Replayed: true`); the same key with other parameters is an idempotency_error.
 * Rate-limited and 5xx answers are not kept, so a retry runs again.
 * https://docs.stripe.com/api/idempotent_requests
 */
export class IdempotencyKeys {
  private readonly seen = new Map<string, { fingerprint: string; response: SandboxResponse }>()

  replay(req: SandboxRequest): SandboxResponse | undefined {
    const key = keyOf(req)
    const seen = key ? this.seen.get(key) : undefined
    if (!key || !seen) return undefined
    if (seen.fingerprint !== fingerprint(req))
      return stripeError(
        400,
        'idempotency_error',
        `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
      )
    return {
      ...seen.response,
      headers: { ...seen.response.headers, 'Idempotent-Replayed': 'true' },
    }
  }

  remember(req: SandboxRequest, response: SandboxResponse): void {
    const key = keyOf(req)
    if (!key || response.status === 429 || response.status >= 500) return
    this.seen.set(key, { fingerprint: fingerprint(req), response })
  }
}

function keyOf(req: SandboxRequest): string | undefined {
  if (req.method !== 'POST') return undefined
  const key = req.headers['idempotency-key']
  return Array.isArray(key) ? key[0] : key
}

const fingerprint = (req: SandboxRequest) => `${req.method} ${req.path} ${req.rawBody}`
