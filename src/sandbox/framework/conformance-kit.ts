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
  /**
   * Changes one record at the source as a user would. Returns the stream whose incremental read
   * must now yield exactly that record (its `idOf`), while every other stream yields nothing:
   * for an API that reports changes through an events feed, that is the events stream.
   */
  change(server: Server): Promise<ObservedRecord> | ObservedRecord
  /** Deletes one record at the source and says where the deletion shows; null: it cannot. */
  remove(server: Server): Promise<ObservedRecord | null> | ObservedRecord | null
  /** The next request answers with the system's own rate-limit response (429, Retry-After …). */
  rateLimitNext(server: Server): void
  /** Makes every issued token invalid; false when the system's credentials never expire. */
  expireTokens(server: Server): boolean
  /** Environment overrides under which `check` must fail with an auth error. */
  badCredentials(env: Record<string, string>): Record<string, string>
  /**
   * Adds one record carrying a field the connector does not know (kept in the row's `extra`, or
   * `unknownField: null` when the stream's rows have no place for it) and one record the mapping
   * must quarantine; `stream` reads both next.
   */
  drift(server: Server): Promise<DriftRecords> | DriftRecords
}

export interface ObservedRecord {
  stream: string
  /** As `idOf` returns it for the raw record the stream yields. */
  id: string
}

export interface DriftRecords {
  stream: string
  /** The unknown field's name, or null when the stream keeps no unknown fields. */
  unknownField: string | null
  keptId: string
  brokenId: string
}
