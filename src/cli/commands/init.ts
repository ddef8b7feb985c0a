import { copyFile, access } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { CliExit, EXIT_CONFIG } from '../exit-codes.js'

const EXAMPLE = fileURLToPath(new URL('../../config/cs360.config.example.yaml', import.meta.url))

/** Writes the commented example config; never overwrites a user's file without --force. */
export async function initCommand(path: string, force: boolean): Promise<void> {
  const exists = await access(path).then(
    () => true,
    () => false,
  )
  if (exists && !force) {
    throw new CliExit(EXIT_CONFIG, `${path} already exists; use --force to overwrite it`)
  }
  await copyFile(EXAMPLE, path)
  console.log(`wrote ${path}: set the environment variables it names, then run \`cs360 check\``)
}
