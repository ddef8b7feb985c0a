import type { SandboxRequest, SandboxResponse } from '../framework/http-server.js'
import { stripeError } from './errors.js'

const UNAUTHORIZED = { 'WWW-Authenticate': 'Bearer realm="Stripe"' }

/**
 * Stripe's API-key check: `Authorization: Bearer <key>` (or Basic with the key as user name);
 * no key and a wrong key are both 401 invalid_request_error, the latter naming the key masked.
 * https://docs.stripe.com/api/authentication
 */
export function apiKeyAuth(apiKey: string) {
  return (req: SandboxRequest): SandboxResponse | undefined => {
    const key = presentedKey(req.headers.authorization)
    if (key === apiKey) return undefined
    if (!key)
      return stripeError(
        401,
        'invalid_request_error',
        "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.",
        { headers: UNAUTHORIZED },
      )
    return stripeError(401, 'invalid_request_error', `Invalid API Key provided: ${mask(key)}`, {
      headers: UNAUTHORIZED,
    })
  }
}

function presentedKey(header: string | undefined): string | undefined {
  if (!header) return undefined
  const bearer = /^Bearer\s+(\S+)$/i.exec(header)
  if (bearer) return bearer[1]
  const basic = /^Basic\s+(\S+)$/i.exec(header)
  if (basic) return Buffer.from(basic[1]!, 'base64').toString('utf8').replace(/:.*$/, '')
  return header
}

/** `sk_test_****************************abcd`, as Stripe echoes a rejected key. */
function mask(key: string): string {
  const prefix = /^[a-z]{2}_(test|live)_/.exec(key)?.[0] ?? ''
  const tail = key.slice(-4)
  return `${prefix}${'*'.repeat(Math.max(0, key.length - prefix.length - 4))}${tail}`
}
