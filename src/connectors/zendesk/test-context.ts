import { Secret } from '../../config/secret.js'
import { createLogger } from '../../logger.js'
import type { ZendeskSandbox } from '../../sandbox/zendesk/server.js'
import { testCredentials } from '../../sandbox/zendesk/test-client.js'
import type { ConnectorContext, StreamPage } from '../types.js'
import { zendeskConfigSchema, type ZendeskConfig } from './config.js'

export interface Wait {
  ms: number
  reason: string
}

/** Test support: a connector context on the sandbox that records every wait it is asked for. */
export function contextFor(
  sandbox: ZendeskSandbox,
  overrides: Record<string, unknown> = {},
): ConnectorContext<ZendeskConfig> & { waits: Wait[] } {
  const config = zendeskConfigSchema.parse({
    url: sandbox.url,
    auth: {
      type: 'api_token',
      email: testCredentials.email,
      apiToken: new Secret('ZENDESK_API_TOKEN', testCredentials.apiToken),
    },
    startDate: '2020-01-01',
    ...overrides,
  })
  const waits: Wait[] = []
  return {
    config,
    log: createLogger({}, () => undefined),
    waits,
    wait: async (ms, reason) => {
      waits.push({ ms, reason })
      await new Promise((resolve) => setTimeout(resolve, ms))
    },
  }
}

export { readPages } from '../read-pages.js'

/** The ids a list of pages carried, in order. */
export const idsOf = (pages: StreamPage[]): number[] =>
  pages.flatMap((p) => p.records.map((r) => (r as { id: number }).id))
