/**
 * Where a read stands on a stamp (epoch ms: `hs_lastmodifieddate`, an owner's `updatedAt`, an
 * `archivedAt`): every record stamped before `stamp` has been read; of those stamped exactly
 * `stamp`, the ones in `ids` and, once the read pages that stamp in id order (`tieAfter`), every
 * id up to `tieAfter`. Several records share a millisecond when an import or a workflow touches
 * them at once, so a stamp alone cannot say where a read stopped.
 */
export interface Position {
  stamp: number
  ids: Set<string>
  tieAfter: string | null
}

export const start = (stamp = 0): Position => ({ stamp, ids: new Set(), tieAfter: null })

/** Everything stamped `stamp` has been read too (stamps are whole milliseconds). */
export const past = (stamp: number): Position => start(stamp + 1)

export function seen(position: Position | null, stamp: number, id: string): boolean {
  if (!position) return false
  if (stamp !== position.stamp) return stamp < position.stamp
  return (
    position.ids.has(id) || (position.tieAfter !== null && Number(id) <= Number(position.tieAfter))
  )
}

/** The position after reading one more record; a record older than it leaves it as it is. */
export function advance(position: Position | null, stamp: number, id: string): Position {
  if (!position || stamp > position.stamp) return { stamp, ids: new Set([id]), tieAfter: null }
  if (stamp === position.stamp) position.ids.add(id)
  return position
}

export const copy = (p: Position): Position => ({ ...p, ids: new Set(p.ids) })

/** A position as checkpoint fields: `<prefix>After` (ISO), `<prefix>Ids`, `<prefix>TieAfter`. */
export function writePosition(
  prefix: string,
  position: Position | null,
): Record<string, string | null> {
  return {
    [`${prefix}After`]: position ? new Date(position.stamp).toISOString() : null,
    [`${prefix}Ids`]: position ? [...position.ids].join(',') : null,
    [`${prefix}TieAfter`]: position?.tieAfter ?? null,
  }
}

export function readPosition(
  prefix: string,
  checkpoint: Record<string, unknown> | null | undefined,
): Position | null {
  const after = checkpoint?.[`${prefix}After`]
  if (typeof after !== 'string' || Number.isNaN(Date.parse(after))) return null
  const ids = checkpoint?.[`${prefix}Ids`]
  const tieAfter = checkpoint?.[`${prefix}TieAfter`]
  return {
    stamp: Date.parse(after),
    ids: new Set(typeof ids === 'string' ? ids.split(',').filter(Boolean) : []),
    tieAfter: typeof tieAfter === 'string' && /^\d+$/.test(tieAfter) ? tieAfter : null,
  }
}

/** A stamp as HubSpot sends it (ISO text, or a Date the SDK made of it); NaN when missing. */
export function stampOf(value: unknown): number {
  if (value instanceof Date) return value.getTime()
  return typeof value === 'string' ? Date.parse(value) : Number.NaN
}
