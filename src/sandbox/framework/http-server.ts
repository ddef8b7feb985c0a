import { createServer, type IncomingHttpHeaders, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface SandboxRequest {
  method: string
  path: string
  query: URLSearchParams
  headers: IncomingHttpHeaders
  /** `:name` segments of the matched route. */
  params: Record<string, string>
  /** Parsed JSON or form body; undefined when empty or unparseable. */
  body: unknown
  rawBody: string
  /** Why a JSON body failed to parse; each system answers that in its own error shape. */
  bodyError?: string
}

export interface SandboxResponse {
  status: number
  /** Serialized as JSON, unless a Buffer (sent as is) or a string with its own Content-Type. */
  body?: unknown
  headers?: Record<string, string>
  /** Destroy the connection after half the body went out (a reset mid-body, see faults.ts). */
  cutMidBody?: boolean
}

export type RequestHandler = (req: SandboxRequest) => SandboxResponse | Promise<SandboxResponse>

export interface HttpServer {
  url: string
  port: number
  close(): Promise<void>
}

/** Serves `handle` on 127.0.0.1; port 0 picks a free port. */
export function startHttpServer(options: {
  port?: number
  handle: RequestHandler
}): Promise<HttpServer> {
  const server = createServer((incoming, outgoing) => {
    // A client that hangs up mid-request (aborted upload, killed worker) fails the body stream
    // and the socket; that ends this request, never the server.
    incoming.on('error', () => undefined)
    outgoing.on('error', () => undefined)
    answer(incoming, options.handle).then(
      ({ status, headers, payload, cutMidBody }) => {
        if (outgoing.destroyed) return
        if (cutMidBody) {
          // The full length is announced, so the client knows the body it got is short.
          const body = Buffer.from(payload)
          outgoing.writeHead(status, { ...headers, 'Content-Length': String(body.length) })
          outgoing.write(body.subarray(0, Math.floor(body.length / 2)), () => outgoing.destroy())
          return
        }
        outgoing.writeHead(status, headers)
        outgoing.end(payload)
      },
      () => {
        if (!outgoing.destroyed) outgoing.destroy()
      },
    )
  })
  server.on('clientError', (_error, socket) => socket.destroy())
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      const port = (server.address() as AddressInfo).port
      resolve({
        url: `http://127.0.0.1:${port}`,
        port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done())
            // Keep-alive sockets of clients (jsforce keeps them) would hold close() open.
            server.closeAllConnections()
          }),
      })
    })
  })
}

async function answer(incoming: IncomingMessage, handle: RequestHandler) {
  let response: SandboxResponse
  try {
    response = await handle(await readRequest(incoming))
  } catch (error) {
    // Systems map their own failures; this only keeps a handler bug from hanging the client.
    response = {
      status: 500,
      body: String(error instanceof Error ? error.stack : error),
      headers: { 'Content-Type': 'text/plain' },
    }
  }
  const headers: Record<string, string> = { ...response.headers }
  let payload: string | Buffer = ''
  if (response.body !== undefined && response.status !== 204) {
    if (Buffer.isBuffer(response.body)) {
      payload = response.body
      headers['Content-Type'] ??= 'application/octet-stream'
    } else if (typeof response.body === 'string' && headers['Content-Type']) payload = response.body
    else {
      payload = JSON.stringify(response.body)
      headers['Content-Type'] ??= 'application/json;charset=UTF-8'
    }
  }
  return { status: response.status, headers, payload, cutMidBody: response.cutMidBody }
}

async function readRequest(incoming: IncomingMessage): Promise<SandboxRequest> {
  const chunks: Buffer[] = []
  for await (const chunk of incoming) chunks.push(chunk as Buffer)
  const rawBody = Buffer.concat(chunks).toString('utf8')
  const url = new URL(incoming.url ?? '/', 'http://sandbox')
  const type = incoming.headers['content-type'] ?? ''
  const req: SandboxRequest = {
    method: (incoming.method ?? 'GET').toUpperCase(),
    path: url.pathname,
    query: url.searchParams,
    headers: incoming.headers,
    params: {},
    body: undefined,
    rawBody,
  }
  if (!rawBody) return req
  if (type.includes('x-www-form-urlencoded')) {
    req.body = Object.fromEntries(new URLSearchParams(rawBody))
  } else if (type.includes('json') || /^\s*[[{]/.test(rawBody)) {
    try {
      req.body = JSON.parse(rawBody)
    } catch (error) {
      req.bodyError = error instanceof Error ? error.message : String(error)
    }
  } else req.body = rawBody
  return req
}
