import http from 'node:http'
import https from 'node:https'
import { Socket } from 'node:net'
import type { Duplex } from 'node:stream'
import { z } from 'zod'
import { Cs360Error } from '../errors.js'

/**
 * `timeoutSeconds` of a connector block: how long one request may go without an answer before
 * it is given up. A login URL that accepts the connection and never answers would otherwise
 * hold `cs360 check` or a sync until it is killed.
 */
export const timeoutSecondsField = (defaultSeconds: number) =>
  z.number().positive('must be a number of seconds above 0').max(3600).default(defaultSeconds)

/** Where a request went: the setting that points at it, for the message. */
export interface Destination {
  /** The connector id, also its key under `connectors:`. */
  system: string
  /** The URL (its origin is shown: paths and queries say nothing about who did not answer). */
  url: string
  /** The key under `connectors.<system>` that names the URL, or what else it is. */
  setting: string
  seconds: number
}

/**
 * A request the far end accepted and never answered within the connector's time limit. Inside a
 * sync it is transient (the activity retries later, when the server may answer again); `check`
 * reports it as a runtime failure. The message names the URL, the setting that points at it and
 * the time limit's own setting.
 */
export class NoAnswerError extends Cs360Error {
  constructor(to: Destination, cause?: unknown) {
    const where = to.setting.includes(' ') ? to.setting : `connectors.${to.system}.${to.setting}`
    super(
      'transient',
      `${to.system}: ${origin(to.url)} did not answer within ${to.seconds} s (${where}; raise connectors.${to.system}.timeoutSeconds if it is just slow)`,
      { system: to.system, cause },
    )
  }
}

function origin(url: string): string {
  try {
    return new URL(url).origin
  } catch {
    return url
  }
}

/** What `AbortSignal.timeout` rejects a fetch (or a body read) with when the time runs out. */
export function isTimeoutAbort(error: unknown): boolean {
  return (error as { name?: unknown } | null)?.name === 'TimeoutError'
}

/**
 * `fetch` with the connector's time limit over the whole exchange, the body included: a request
 * that runs out of time throws NoAnswerError, as does reading its body later.
 */
export async function fetchWithin(
  to: Destination,
  url: string,
  init: RequestInit = {},
): Promise<Response> {
  const signal = AbortSignal.timeout(to.seconds * 1000)
  let response: Response
  try {
    response = await fetch(url, { ...init, signal })
  } catch (error) {
    throw isTimeoutAbort(error) ? new NoAnswerError(to, error) : error
  }
  const translate = <T>(read: Promise<T>) =>
    read.catch((error: unknown) => {
      throw isTimeoutAbort(error) ? new NoAnswerError(to, error) : error
    })
  // The body arrives after the headers: its reads run out of time with the same signal.
  return new Proxy(response, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key, target)
      if (typeof value !== 'function') return value
      if (key === 'json' || key === 'text' || key === 'arrayBuffer' || key === 'blob')
        return () => translate((value as () => Promise<unknown>).call(target))
      return (value as (...args: unknown[]) => unknown).bind(target)
    },
  })
}

/**
 * A keep-alive agent for SDKs that take one (and no time limit): a socket silent for the time
 * limit — no answer, or an answer that stalls — is destroyed with a NoAnswerError, which the
 * request in flight fails with. An idle pooled socket timing out is simply dropped by the agent.
 */
export function timeLimitedAgent(to: Destination): http.Agent {
  const Base = new URL(to.url).protocol === 'https:' ? https.Agent : http.Agent
  const ms = to.seconds * 1000
  class TimeLimitedAgent extends Base {
    override createConnection(
      ...args: Parameters<http.Agent['createConnection']>
    ): Duplex | null | undefined {
      const socket = super.createConnection(...args)
      if (socket instanceof Socket)
        socket.setTimeout(ms, () => socket.destroy(new NoAnswerError(to)))
      return socket
    }
  }
  return new TimeLimitedAgent({ keepAlive: true })
}
