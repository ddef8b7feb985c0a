import zendesk from 'node-zendesk'
import { SAMPLE_ADMIN_EMAIL } from './sample-account.js'
import type { ZendeskSandbox, ZendeskSandboxCredentials } from './server.js'

/** Test support: the credentials test sandboxes accept, and node-zendesk clients for them. */
export const testCredentials: ZendeskSandboxCredentials = {
  email: SAMPLE_ADMIN_EMAIL,
  apiToken: 'test-api-token',
  oauthToken: 'test-oauth-token',
}

/** node-zendesk as an integration would set it up, pointed at the sandbox. */
export function sdkFor(
  sandbox: ZendeskSandbox,
  auth: { username?: string; token?: string; password?: string; oauth?: boolean } = {
    username: testCredentials.email,
    token: testCredentials.apiToken,
  },
  options: { throwOriginalException?: boolean } = {},
) {
  return zendesk.createClient({ ...auth, endpointUri: `${sandbox.url}/api/v2`, ...options })
}

/** The URIs node-zendesk requested through one of its sub-clients. */
export function requestedUris(subClient: { on(event: string, cb: (e: any) => void): void }) {
  const uris: string[] = []
  subClient.on('debug::request', (event: { detail: { uri: string } }) =>
    uris.push(decodeURIComponent(event.detail.uri)),
  )
  return uris
}
