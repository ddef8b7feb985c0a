import Stripe from 'stripe'
import type { StripeSandbox } from './server.js'

/** Test support: stripe-node pointed at a sandbox, unmodified but for its host. */
export function sandboxClient(
  sandbox: StripeSandbox,
  options: { maxNetworkRetries?: number; apiKey?: string } = {},
): Stripe {
  const url = new URL(sandbox.url)
  return new Stripe(options.apiKey ?? sandbox.apiKey, {
    host: url.hostname,
    port: url.port,
    protocol: 'http',
    maxNetworkRetries: options.maxNetworkRetries ?? 0,
    telemetry: false,
  })
}
