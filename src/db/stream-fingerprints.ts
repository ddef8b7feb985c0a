import type { Kysely } from 'kysely'
import type { InterpretationFingerprint } from '../connectors/interpretation.js'
import type { Database } from './database.js'

/** Each stream's stored fingerprint for one connector, by stream name. */
export async function loadFingerprints(
  db: Kysely<Database>,
  connector: string,
): Promise<Map<string, InterpretationFingerprint>> {
  const rows = await db
    .selectFrom('stream_fingerprints')
    .select(['stream', 'fingerprint'])
    .where('connector', '=', connector)
    .execute()
  return new Map(rows.map((r) => [r.stream, r.fingerprint]))
}

/** Called once a stream was read to the end: its records now all follow this interpretation. */
export async function saveFingerprint(
  db: Kysely<Database>,
  connector: string,
  stream: string,
  fingerprint: InterpretationFingerprint,
): Promise<void> {
  const value = JSON.stringify(fingerprint)
  await db
    .insertInto('stream_fingerprints')
    .values({ connector, stream, fingerprint: value })
    .onConflict((oc) =>
      oc
        .columns(['connector', 'stream'])
        .doUpdateSet({ fingerprint: value, updated_at: new Date() }),
    )
    .execute()
}
