import { authError } from '../../errors.js'
import type { Connector } from '../types.js'
import { zendeskApi, zendeskGet } from './client.js'
import type { ZendeskConfig } from './config.js'
import { meSchema, parseEnvelope } from './schemas.js'
import { organizationsStream, satisfactionRatingsStream, ticketsStream } from './streams.js'

/** The Zendesk Support implementation behind ./manifest.ts: node-zendesk streams, no write-back. */
export const zendeskConnector: Connector<ZendeskConfig> = {
  /**
   * Who the credentials sign in as. Zendesk answers bad credentials here with a 401, or (seen on
   * some accounts) with the anonymous user, whose id is null; both are auth failures.
   * https://developer.zendesk.com/api-reference/ticketing/users/users/#show-the-currently-authenticated-user
   */
  async check(ctx) {
    const { base } = zendeskApi(ctx.config)
    const body = await zendeskGet(ctx, `${base}/users/me.json`, {
      doing: 'checking the connection',
      incremental: false,
    })
    const { user } = parseEnvelope(meSchema, body, 'checking the connection')
    if (user.id == null) {
      throw authError(
        'Zendesk, checking the connection: the credentials sign in as the anonymous user. Check connectors.zendesk.auth (the email and API token, or the OAuth access token).',
        'zendesk',
      )
    }
    if (user.role !== 'admin') {
      return {
        ok: false,
        detail: `connectors.zendesk.auth: ${user.email ?? user.id} is ${user.role ?? 'not an admin'}; incremental exports and CSAT ratings need an admin's credentials`,
      }
    }
    return {
      ok: true,
      detail: `connected to ${ctx.config.url} as ${user.name ?? user.email} (admin)`,
    }
  },
  streams: [organizationsStream, ticketsStream, satisfactionRatingsStream],
}
