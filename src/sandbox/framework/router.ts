import type { RequestHandler } from './http-server.js'

interface Route {
  method: string
  pattern: RegExp
  keys: string[]
  handler: RequestHandler
}

export type RouteMatch =
  | { kind: 'found'; handler: RequestHandler; params: Record<string, string> }
  | { kind: 'wrong-method'; allowed: string[] }
  | { kind: 'none' }

/** Method + path router; `:name` matches one path segment, a trailing slash is optional. */
export class Router {
  private readonly routes: Route[] = []

  on(method: string, path: string, handler: RequestHandler): this {
    const keys: string[] = []
    const source = path
      .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
      .replace(/:(\w+)/g, (_m, key: string) => {
        keys.push(key)
        return '([^/]+)'
      })
    this.routes.push({
      method: method.toUpperCase(),
      pattern: new RegExp(`^${source}/?$`),
      keys,
      handler,
    })
    return this
  }

  match(method: string, path: string): RouteMatch {
    const allowed: string[] = []
    for (const route of this.routes) {
      const m = route.pattern.exec(path)
      if (!m) continue
      if (route.method !== method.toUpperCase()) {
        allowed.push(route.method)
        continue
      }
      const params = Object.fromEntries(
        route.keys.map((key, i) => [key, decodeURIComponent(m[i + 1]!)]),
      )
      return { kind: 'found', handler: route.handler, params }
    }
    return allowed.length > 0 ? { kind: 'wrong-method', allowed } : { kind: 'none' }
  }
}
