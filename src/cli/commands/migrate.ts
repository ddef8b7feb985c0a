import { readEnvironment } from '../../config/environment.js'
import { openDatabase } from '../services.js'

/** `cs360 migrate`: brings the schema up to date; a second run applies nothing. */
export async function migrateCommand(): Promise<void> {
  const env = readEnvironment()
  const { applied, embedded } = await openDatabase(env, () => undefined)
  console.log(
    applied.length === 0
      ? `schema is up to date (${embedded ? 'embedded PostgreSQL' : 'DATABASE_URL'})`
      : `applied ${applied.length} migration(s): ${applied.join(', ')}`,
  )
}
