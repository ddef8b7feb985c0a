import type { z } from 'zod'

export type Parsed<T> =
  { ok: true; value: T } | { ok: false; sourceId: string | null; reason: string }

/**
 * Parses a raw record at the edge; a mismatch names every offending field (`created: expected
 * number`), prefixed with `at` when the record sits inside another (an event's `data.object`).
 */
export function parseRecord<S extends z.ZodType>(
  schema: S,
  raw: unknown,
  at = '',
): Parsed<z.infer<S>> {
  const result = schema.safeParse(raw)
  if (result.success) return { ok: true, value: result.data }
  const id = (raw as { id?: unknown } | null)?.id
  const reason = result.error.issues
    .map(
      (i) => `${[at, ...i.path.map(String)].filter(Boolean).join('.') || 'record'}: ${i.message}`,
    )
    .join('; ')
  return { ok: false, sourceId: typeof id === 'string' ? id : null, reason }
}

/** The top-level fields of a raw object that have no column: kept in the row's `extra`. */
export function extraFields(raw: unknown, modeled: readonly string[]): string {
  const record = raw as Record<string, unknown>
  return JSON.stringify(
    Object.fromEntries(Object.entries(record).filter(([key]) => !modeled.includes(key))),
  )
}

/** Unix seconds as an ISO timestamp for a timestamptz column. */
export const iso = (unix: number) => new Date(unix * 1000).toISOString()
export const isoOrNull = (unix: number | null | undefined) => (unix == null ? null : iso(unix))
