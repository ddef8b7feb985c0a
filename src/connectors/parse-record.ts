import type { z } from 'zod'

export type Parsed<T> =
  { ok: true; value: T } | { ok: false; sourceId: string | null; reason: string }

/**
 * Parses one raw API record at the edge. A mismatch is not an error but a reason to quarantine
 * the record: it names every offending field (`created_at: not a datetime`), prefixed with `at`
 * when the record sits inside another (a Stripe event's `data.object`), and keeps the record's
 * id (`id` or Salesforce's `Id`) so an operator can find it at the source.
 */
export function parseRecord<S extends z.ZodType>(
  schema: S,
  raw: unknown,
  at = '',
): Parsed<z.infer<S>> {
  const result = schema.safeParse(raw)
  if (result.success) return { ok: true, value: result.data }
  const record = (raw ?? {}) as { id?: unknown; Id?: unknown }
  const id = record.id ?? record.Id
  const reason = result.error.issues
    .map(
      (i) => `${[at, ...i.path.map(String)].filter(Boolean).join('.') || 'record'}: ${i.message}`,
    )
    .join('; ')
  return {
    ok: false,
    sourceId: typeof id === 'string' || typeof id === 'number' ? String(id) : null,
    reason,
  }
}

/** The top-level fields of a raw record that have no column: kept in the row's `extra`. */
export function extraFields(raw: unknown, modeled: readonly string[]): string {
  const record = raw as Record<string, unknown>
  return JSON.stringify(
    Object.fromEntries(Object.entries(record).filter(([key]) => !modeled.includes(key))),
  )
}
