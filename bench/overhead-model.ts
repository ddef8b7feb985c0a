/**
 * The time the same requests take at a service's rate limits and typical latency, computed from
 * the requests a run sent, and the engine's share of a sync's total beside it. The model follows
 * how a sync sends its requests: one at a time within a system (each stream's pages in order,
 * streams one after another), the systems' extracts side by side, the write-back after scoring.
 * So a run's API time is the slowest system's reads plus every system's writes, and the engine's
 * own time adds to it (an upper bound: a connector that fetched ahead would overlap the two).
 */
import { serviceLimits, type Allowance } from './service-limits.js'

export interface ClassCount {
  reads: number
  writes: number
  /** Requests refused with a 429 (counted apart: they did no work). */
  refused: number
}

/** Requests per system and request class (bench/service-limits.ts), as the sandbox logged them. */
export type RequestCounts = Record<string, Record<string, ClassCount>>

/**
 * Seconds for `requests` sent one after another, each answered in `latency` seconds, under an
 * allowance of `requests` per fixed window: every window the allowance fills before it ends is
 * waited out.
 */
export function pacedSeconds(requests: number, latency: number, allowance: Allowance | null) {
  if (requests <= 0) return 0
  if (!allowance) return requests * latency
  const fullWindows = Math.ceil(requests / allowance.requests) - 1
  const last = requests - fullWindows * allowance.requests
  return fullWindows * Math.max(allowance.seconds, allowance.requests * latency) + last * latency
}

export interface SystemApiTime {
  system: string
  requests: number
  readSeconds: number
  writeSeconds: number
  /** The request class whose allowance added waiting, if any. */
  binding: string | null
}

export interface ApiTime {
  systems: SystemApiTime[]
  /** The slowest system's reads plus every system's writes. */
  seconds: number
}

export interface LimitsChoice {
  /** 'published': the services' own allowances; 'sandbox': what the sandbox enforces. */
  limits: 'published' | 'sandbox'
  /** Multiplies the sandbox's windows (its rate-limit time scale); published ones stay. */
  timeScale?: number
  /** Seconds a response takes; default each service's typical latency. */
  latencySeconds?: number
}

export function apiTime(counts: RequestCounts, choice: LimitsChoice): ApiTime {
  const systems = Object.entries(counts).map(([system, classes]): SystemApiTime => {
    const limits = serviceLimits(system)
    const latency = choice.latencySeconds ?? limits.typicalLatencySeconds
    let readSeconds = 0
    let writeSeconds = 0
    let requests = 0
    let binding: string | null = null
    for (const [name, count] of Object.entries(classes)) {
      const found = limits.classes.find((c) => c.name === name)
      if (!found)
        throw new Error(`${system}: no request class "${name}" in bench/service-limits.ts`)
      const allowance = allowanceOf(found[choice.limits], choice)
      const reads = pacedSeconds(count.reads, latency, allowance)
      const writes = pacedSeconds(count.writes, latency, allowance)
      const unpaced = (count.reads + count.writes) * latency
      if (reads + writes > unpaced + 1e-9) binding = name
      readSeconds += reads
      writeSeconds += writes
      requests += count.reads + count.writes
    }
    return { system, requests, readSeconds, writeSeconds, binding }
  })
  const slowestReads = Math.max(0, ...systems.map((s) => s.readSeconds))
  const writes = systems.reduce((sum, s) => sum + s.writeSeconds, 0)
  return { systems, seconds: slowestReads + writes }
}

function allowanceOf(allowance: Allowance | null, choice: LimitsChoice): Allowance | null {
  if (!allowance || choice.limits === 'published') return allowance
  return { requests: allowance.requests, seconds: allowance.seconds * (choice.timeScale ?? 1) }
}

/** The engine's share of a sync's total: its own time over its own time plus the API's. */
export function engineShare(engineSeconds: number, apiSeconds: number): number {
  const total = engineSeconds + apiSeconds
  return total > 0 ? engineSeconds / total : 0
}
