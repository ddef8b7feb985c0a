import type { SandboxServer } from './sandbox-server.js'

/**
 * What the connector conformance suite (`test/conformance.test.ts`) needs from a system's
 * sandbox to run every case against its connector: a dataset whose streams span several pages,
 * and ways to change, delete, throttle and break things at the source as the real API would
 * show them. A system gets the whole suite by putting one of these on its `SandboxSystem`.
 */
export interface ConformanceKit<Server extends SandboxServer = SandboxServer> {
  /** The dataset section the suite serves: small, yet every stream spans at least 3 pages. */
  section(): unknown
  /** Lines under `connectors.<id>` (indented four spaces) that shrink pages, if the API lets them. */
  configExtra: string
  /** Source ids a full read of `stream` must return, from the server's current state. */
  sourceIds(server: Server, stream: string): string[]
  /** The source id of one raw record of `stream`, as `read` yields it. */
  idOf(stream: string, raw: unknown): string
  /** Changes one record of `stream` at the source as a user would; returns its source id. */
  change(server: Server, stream: string): Promise<string> | string
  /** Deletes one record of `stream` at the source; null when the API cannot report deletes. */
  remove(server: Server, stream: string): Promise<string | null> | string | null
  /** The next request answers with the system's own rate-limit response (429, Retry-After …). */
  rateLimitNext(server: Server): void
  /** Makes every issued token invalid; false when the system's credentials never expire. */
  expireTokens(server: Server): boolean
  /** Environment overrides under which `check` must fail with an auth error. */
  badCredentials(env: Record<string, string>): Record<string, string>
  /**
   * Adds to `stream` one record carrying a field the connector does not know (kept in the row's
   * `extra`, or null when the stream's rows have no place for it) and one record the mapping
   * must quarantine. Null when the stream's records cannot be broken at the source.
   */
  drift(server: Server, stream: string): Promise<DriftRecords | null> | DriftRecords | null
}

export interface DriftRecords {
  /** The unknown field's name, or null when the stream keeps no unknown fields. */
  unknownField: string | null
  keptId: string
  brokenId: string
}
