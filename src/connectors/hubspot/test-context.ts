import { Secret } from '../../config/secret.js'
import { createLogger } from '../../logger.js'
import { HUBSPOT_SANDBOX_CREDENTIALS } from '../../sandbox/hubspot/portal.js'
import type { HubspotSandbox } from '../../sandbox/hubspot/server.js'
import type { ConnectorContext, StreamPage } from '../types.js'
import { hubspotConfigSchema, type HubspotConfig } from './config.js'

export interface Wait {
  ms: number
  reason: string
}

const { accessToken, clientId, clientSecret, refreshToken } = HUBSPOT_SANDBOX_CREDENTIALS

/**
 * Test support: a connector context on the sandbox (private app, or the OAuth app) that records
 * every wait it is asked for. Waits sleep at most 200 ms: the sandbox's rate-limit windows are
 * shrunk (rateLimitTimeScale) and a transient failure's backoff need not hold a test up.
 */
export function contextFor(
  sandbox: HubspotSandbox,
  overrides: Record<string, unknown> = {},
  auth: 'private_app' | 'oauth' = 'private_app',
): ConnectorContext<HubspotConfig> & { waits: Wait[]; logs: string[] } {
  const config = hubspotConfigSchema.parse({
    baseUrl: sandbox.url,
    auth:
      auth === 'private_app'
        ? { type: 'private_app', accessToken: new Secret('HUBSPOT_ACCESS_TOKEN', accessToken) }
        : {
            type: 'oauth',
            clientId,
            clientSecret: new Secret('HUBSPOT_CLIENT_SECRET', clientSecret),
            refreshToken: new Secret('HUBSPOT_REFRESH_TOKEN', refreshToken),
          },
    lookbackSeconds: 0,
    ...overrides,
  })
  const waits: Wait[] = []
  const logs: string[] = []
  return {
    config,
    log: createLogger({}, (line) => logs.push(line), false),
    waits,
    logs,
    wait: async (ms, reason) => {
      waits.push({ ms, reason })
      await new Promise((resolve) => setTimeout(resolve, Math.min(ms, 200)))
    },
  }
}

export { readPages } from '../read-pages.js'

/** The ids a list of pages carried, in order. */
export const idsOf = (pages: StreamPage[]): string[] =>
  pages.flatMap((p) => p.records.map((r) => String((r as { id: unknown }).id)))
