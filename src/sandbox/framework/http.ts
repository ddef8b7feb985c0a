import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface SandboxRequest {
  method: string
  path: string
  query: URLSearchParams
  headers: IncomingMessage['headers']
  params: Record<string, string>
  body: unknown
  rawBody: string
}

export interface SandboxResponse {
  status: number
  body?: unknown
  headers?: Record<string, string>
}

export type Handler = (req: SandboxRequest) => SandboxResponse | Promise<SandboxResponse>

interface Route {
  method: string
  pattern: RegExp
  keys: string[]
  handler: Handler
}

/** Minimal method + path router; `:name` segments become params. */
export class Router {
  private readonly routes: Route[] = []

  on(method: string, path: string, handler: Handler): this {
    const keys: string[] = []
    const source = path.replace(/:(\w+)/g, (_m, key: string) => {
      keys.push(key)
      return '([^/]+)'
    })
    this.routes.push({ method, pattern: new RegExp(`^${source}/?$`), keys, handler })
    return this
  }

  match(
    method: string,
    path: string,
  ): { handler: Handler; params: Record<string, string> } | undefined {
    for (const route of this.routes) {
      if (route.method !== method) continue
      const m = route.pattern.exec(path)
      if (!m) continue
      const params = Object.fromEntries(
        route.keys.map((k, i) => [k, decodeURIComponent(m[i + 1]!)]),
      )
      return { handler: route.handler, params }
    }
    return undefined
  }
}

export interface HttpServer {
  url: string
  port: number
  close(): Promise<void>
}

/**
 * Serves `handle` on 127.0.0.1. Bodies are parsed by content type (JSON, form), and every
 * response is JSON unless the handler gives a string body with its own content type.
 */
export function listen(
  port: number,
  handle: (req: SandboxRequest) => Promise<SandboxResponse>,
): Promise<HttpServer> {
  const server = createServer((incoming, outgoing) => {
    void respond(incoming, outgoing, handle)
  })
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => {
      const actual = (server.address() as AddressInfo).port
      resolve({
        url: `http://127.0.0.1:${actual}`,
        port: actual,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections()
            server.close(() => done())
          }),
      })
    })
  })
}

async function respond(
  incoming: IncomingMessage,
  outgoing: ServerResponse,
  handle: (req: SandboxRequest) => Promise<SandboxResponse>,
): Promise<void> {
  const chunks: Buffer[] = []
  for await (const chunk of incoming) chunks.push(chunk as Buffer)
  const rawBody = Buffer.concat(chunks).toString('utf8')
  const url = new URL(incoming.url ?? '/', 'http://sandbox')
  const type = incoming.headers['content-type'] ?? ''
  let body: unknown
  let response: SandboxResponse
  try {
    if (rawBody && type.includes('json')) body = JSON.parse(rawBody)
    else if (rawBody && type.includes('x-www-form-urlencoded'))
      body = Object.fromEntries(new URLSearchParams(rawBody))
    else body = rawBody || undefined
    response = await handle({
      method: incoming.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: incoming.headers,
      params: {},
      body,
      rawBody,
    })
  } catch (error) {
    response =
      error instanceof SyntaxError
        ? { status: 400, body: [{ errorCode: 'JSON_PARSER_ERROR', message: error.message }] }
        : { status: 500, body: [{ errorCode: 'UNKNOWN_EXCEPTION', message: String(error) }] }
  }
  const headers: Record<string, string> = { ...response.headers }
  let payload = ''
  if (response.body !== undefined) {
    if (typeof response.body === 'string' && headers['Content-Type']) payload = response.body
    else {
      payload = JSON.stringify(response.body)
      headers['Content-Type'] ??= 'application/json;charset=UTF-8'
    }
  }
  outgoing.writeHead(response.status, headers)
  outgoing.end(payload)
}
