import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

// What clusters created before the password file existed were initialised with.
const LEGACY_PASSWORD = 'cs360-embedded'

/**
 * The superuser password of the embedded cluster in `dataDir`, kept next to it in
 * `<dataDir>.password` (mode 0600; outside the data directory, which belongs to the postgres OS
 * user when cs360 runs as root). A fixed password would let any local user into the cluster
 * holding the CRM data, so a new cluster gets a random one.
 */
export async function clusterPassword(dataDir: string): Promise<string> {
  const file = `${dataDir}.password`
  try {
    const stored = (await readFile(file, 'utf8')).trim()
    if (stored) return stored
  } catch {
    // Not written yet.
  }
  const password = existsSync(join(dataDir, 'PG_VERSION'))
    ? LEGACY_PASSWORD
    : randomBytes(24).toString('base64url')
  await writeFile(file, `${password}\n`, { mode: 0o600 })
  return password
}
