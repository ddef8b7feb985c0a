import { AsyncLocalStorage } from 'node:async_hooks'
import { subscribe } from 'node:diagnostics_channel'

/** Requests counted while a piece of connector work runs. */
export interface ApiCallTally {
  calls: number
}

const current = new AsyncLocalStorage<ApiCallTally>()
let subscribed = false

function count(): void {
  const tally = current.getStore()
  if (tally) tally.calls += 1
}

/**
 * Counts the HTTP requests that `work` actually sends, whatever SDK sends them: Node publishes
 * every `http.request` (jsforce, stripe, node-zendesk, the HubSpot client) and every `fetch`
 * on diagnostics channels, and AsyncLocalStorage tells whose work they belong to. Retries, token
 * refreshes and 429s all count, as they do against the API's allowance.
 */
export async function meterApiCalls<T>(tally: ApiCallTally, work: () => Promise<T>): Promise<T> {
  if (!subscribed) {
    subscribe('http.client.request.start', count)
    subscribe('undici:request:create', count)
    subscribed = true
  }
  return current.run(tally, work)
}
