import { connectorBlockWith } from '../../src/sandbox/start-sandbox.js'
import { parse } from 'yaml'
import { resolveEnvironment } from '../../src/config/interpolate.js'
import { findManifest } from '../../src/connectors/registry.js'

/**
 * One connector's parsed config from its sandbox `configYaml` block (plus `extra` lines under
 * it), resolved against `env` exactly as the config file loader would.
 */
export function parseConnectorConfig(
  id: string,
  block: string,
  extra: string,
  env: Record<string, string>,
): unknown {
  const yaml = `connectors:\n${connectorBlockWith(block, extra)}`
  const raw = (parse(yaml) as { connectors: Record<string, unknown> }).connectors[id]
  const { value, problems } = resolveEnvironment(raw, env, ['connectors', id])
  if (problems.length > 0) throw new Error(JSON.stringify(problems))
  return findManifest(id).configSchema.parse(value)
}
