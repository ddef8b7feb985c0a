import { spawn } from 'node:child_process'
import { accessSync, constants, statSync } from 'node:fs'
import { delimiter, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url))
export const INSTALL_SCRIPT = 'scripts/install-temporal-cli.sh'

/**
 * The Temporal CLI binary (it carries the dev server): TEMPORAL_CLI_PATH, then PATH, then
 * <cwd>/.cs360/bin/temporal where scripts/install-temporal-cli.sh puts it.
 */
export function findTemporalCli(
  cwd: string,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  const candidates = [
    env.TEMPORAL_CLI_PATH,
    ...(env.PATH ?? '')
      .split(delimiter)
      .filter(Boolean)
      .map((dir) => join(dir, 'temporal')),
    resolve(cwd, '.cs360', 'bin', 'temporal'),
  ]
  return candidates.find((file) => file !== undefined && isExecutableFile(file))
}

function isExecutableFile(file: string): boolean {
  try {
    accessSync(file, constants.X_OK)
    return statSync(file).isFile()
  } catch {
    return false
  }
}

/**
 * Runs scripts/install-temporal-cli.sh (a Go build, minutes the first time; it exits 0 and says
 * what to install when Go is missing) and reports where the binary landed, if anywhere.
 */
export async function installTemporalCli(
  log: (message: string) => void,
): Promise<string | undefined> {
  log(`Temporal CLI not found; running ${INSTALL_SCRIPT}`)
  await new Promise<void>((done) => {
    const install = spawn('bash', [join(PROJECT_ROOT, INSTALL_SCRIPT)], {
      stdio: ['ignore', 'inherit', 'inherit'],
    })
    install.on('error', () => done())
    install.on('exit', () => done())
  })
  return findTemporalCli(PROJECT_ROOT)
}
