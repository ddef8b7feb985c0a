import type { z } from 'zod'
import type { ConformanceKit } from './conformance-kit.js'
import type { SandboxServer, SandboxSystemId } from './sandbox-server.js'

/** Knobs of `cs360 sandbox`, the demo, tests and the benchmark; each system uses what applies. */
export interface SandboxTuning {
  /** Delay added to every response. */
  latencyMs?: number
  /** Access token lifetime in seconds (systems with expiring tokens). */
  tokenTtlSeconds?: number
  /** A daily API allowance (Salesforce's 403 REQUEST_LIMIT_EXCEEDED, HubSpot's daily 429). */
  dailyApiLimit?: number
  /**
   * Multiplies every rate-limit window (and so every Retry-After): 0.01 turns Zendesk's minute
   * into 0.6 s, so a multi-minute paced export runs in seconds in a test. Default 1.
   */
  rateLimitTimeScale?: number
  /** false: no per-window rate limits at all (bulk loads in the benchmark). Default true. */
  rateLimits?: boolean
}

export interface SandboxStartOptions {
  /** 0: a free port. */
  port: number
  tuning: SandboxTuning
}

/**
 * One system's local stand-in, as start-up, the CLI, configs and tests see it. Adding a system
 * is its folder with one of these and a line in `src/sandbox/registry.ts`.
 */
export interface SandboxSystem<Section = unknown, Server extends SandboxServer = SandboxServer> {
  system: SandboxSystemId
  /** Port relative to `cs360 sandbox --port`, stable across runs. */
  portOffset: number
  /** The dataset section this server loads (also validated by the dataset schema). */
  datasetSchema: z.ZodType<Section>
  start(section: Section, options: SandboxStartOptions): Promise<Server>
  /**
   * Environment the config's `${…}` references resolve against: the sandbox's credentials, which
   * are public on purpose (the data is generated), and its URL.
   */
  env(server: Server): Record<string, string>
  /** The `connectors.<id>:` block (indented two spaces) of a cs360 config pointing at it. */
  configYaml(server: Server): string
  /** Lines `cs360 sandbox` prints under the server's URL: credentials, how to point a config. */
  describe(server: Server): string[]
  /** Runs the connector conformance suite against this server (see conformance-kit.ts). */
  conformance?: ConformanceKit<Server>
  /** A CRM's: what the demo shows of the write-back once a sync ran. */
  writeBackShowcase?(server: Server): WriteBackShowcase
}

export interface WriteBackShowcase {
  /** e.g. "Salesforce accounts now carrying CS360_Health_Score__c: 231". */
  summary: string
  /** A request a person can send to see the written values. */
  lookHere: string
}
