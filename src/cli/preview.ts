import type { PreviewLine } from '../db/write-previews.js'

const show = (value: unknown) =>
  value === null || value === undefined
    ? '(empty)'
    : typeof value === 'string'
      ? value
      : JSON.stringify(value)

/** A dry run's planned changes: `account (id) field: old → new`, then how many more. */
export function formatPreview(lines: readonly PreviewLine[], total: number): string {
  if (lines.length === 0) return 'nothing would be written'
  const out = ['would write (old → new; old is what the CRM holds now):']
  for (const l of lines)
    out.push(
      `  ${l.object} ${l.recordId}${l.name ? ` "${l.name}"` : ''} ${l.field}: ${show(l.oldValue)} → ${show(l.newValue)}`,
    )
  if (total > lines.length) out.push(`  … and ${total - lines.length} more field changes`)
  return out.join('\n')
}
