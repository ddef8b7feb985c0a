import { existsSync } from 'node:fs'
import { delimiter, join, resolve } from 'node:path'

/** The Temporal CLI binary: TEMPORAL_CLI_PATH, then PATH, then <cwd>/.cs360/bin/temporal. */
export function findTemporalCli(
  cwd: string,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  if (env.TEMPORAL_CLI_PATH && existsSync(env.TEMPORAL_CLI_PATH)) return env.TEMPORAL_CLI_PATH
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, 'temporal'))) return join(dir, 'temporal')
  }
  const local = resolve(cwd, '.cs360', 'bin', 'temporal')
  return existsSync(local) ? local : undefined
}

export const INSTALL_SCRIPT = 'scripts/install-temporal-cli.sh'
