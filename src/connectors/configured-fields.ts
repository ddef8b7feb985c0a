import type { StreamCheckpoint, StreamPage } from './types.js'

/**
 * Reads a stream whose field list the config extends (identity fields, the CSM health field)
 * from the start again when that list changed since its checkpoint: an incremental read sees
 * only records changed since, so a field named after the first sync would otherwise fill only
 * as records happen to change. The checkpoint keeps the list it was read with
 * (`configuredFields`); one without it was read with none. Unchanged records re-read land as
 * no-ops, and the new field's values land on every record.
 */
export async function* readingConfiguredFields(
  fields: readonly string[],
  from: StreamCheckpoint | null,
  read: (from: StreamCheckpoint | null) => AsyncIterable<StreamPage>,
): AsyncGenerator<StreamPage> {
  const configuredFields = [...new Set(fields)].sort().join(',')
  const readWith = typeof from?.configuredFields === 'string' ? from.configuredFields : ''
  const start = readWith === configuredFields ? from : null
  for await (const page of read(start))
    yield { ...page, checkpoint: { ...page.checkpoint, configuredFields } }
}
