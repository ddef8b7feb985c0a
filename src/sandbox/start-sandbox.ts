import type { Dataset } from './dataset/schema.js'
import type { SandboxServer } from './framework/sandbox-server.js'
import type { SandboxTuning } from './framework/sandbox-system.js'
import { sandboxSystems } from './registry.js'

export type { SandboxTuning }

export interface RunningSandbox {
  /** One server per system section the dataset carries, in registry order. */
  servers: SandboxServer[]
  /** The server of one system, typed by the caller (`sandbox.server<SalesforceSandbox>('salesforce')`). */
  server<S extends SandboxServer = SandboxServer>(system: string): S | undefined
  /** Everything the config's `${…}` references need: each server's URL and credentials. */
  env: Record<string, string>
  /**
   * A cs360 config with every running server under `connectors`. `extra` adds lines (indented
   * four spaces) under a connector, replacing the sandbox's own line for a key it sets too;
   * `only` limits the config to some systems.
   */
  configYaml(options?: { extra?: Record<string, string>; only?: string[] }): string
  close(): Promise<void>
}

/**
 * Starts one server per system the dataset carries, on `basePort` + the system's offset
 * (0: ephemeral ports, as tests use).
 */
export async function startSandbox(
  dataset: Dataset,
  basePort = 0,
  tuning: SandboxTuning = {},
): Promise<RunningSandbox> {
  const started: { system: (typeof sandboxSystems)[number]; server: SandboxServer }[] = []
  try {
    for (const system of sandboxSystems) {
      const section = (dataset as Record<string, unknown>)[system.system]
      if (section === undefined) continue
      const port = basePort === 0 ? 0 : basePort + system.portOffset
      const server = (await system.start(section, { port, tuning })) as SandboxServer
      server.faults.latencyMs = tuning.latencyMs ?? 0
      started.push({ system, server })
    }
  } catch (error) {
    await Promise.all(started.map((s) => s.server.close()))
    throw error
  }
  const servers = started.map((s) => s.server)
  return {
    servers,
    server: <S extends SandboxServer>(id: string) =>
      servers.find((s) => s.system === id) as S | undefined,
    env: Object.assign({}, ...started.map(({ system, server }) => system.env(server))) as Record<
      string,
      string
    >,
    configYaml: (options = {}) => {
      const blocks = started
        .filter(({ system }) => !options.only || options.only.includes(system.system))
        .map(({ system, server }) => {
          return connectorBlockWith(system.configYaml(server), options.extra?.[system.system] ?? '')
        })
      return `version: 1\nconnectors:\n${blocks.join('')}`
    },
    close: async () => {
      await Promise.all(servers.map((s) => s.close()))
    },
  }
}

/**
 * A connector's config block with `extra` lines (indented four spaces) under its head, in place
 * of the block's own lines for the keys `extra` sets.
 */
export function connectorBlockWith(block: string, extra: string): string {
  const [head, ...rest] = block.split('\n')
  return [head, ...(extra ? [extra.replace(/\n$/, '')] : []), ...without(rest, extra)].join('\n')
}

/** The connector block's lines minus the keys `extra` sets (with their nested lines). */
function without(lines: string[], extra: string): string[] {
  const keyOf = (line: string) => /^ {4}([A-Za-z_][\w-]*):/.exec(line)?.[1]
  const replaced = new Set(extra.split('\n').flatMap((line) => keyOf(line) ?? []))
  if (replaced.size === 0) return lines
  let dropping = false
  return lines.filter((line) => {
    const key = keyOf(line)
    if (key !== undefined) dropping = replaced.has(key)
    else if (!/^ {5,}\S/.test(line)) dropping = false
    return !dropping
  })
}
