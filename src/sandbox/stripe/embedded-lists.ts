/** Stripe embeds at most the first 10 lines of an invoice; the rest come from `/lines`. */
const EMBEDDED_LINES = 10

/**
 * Cuts every invoice's embedded `lines` list (expanded ones and event payloads too) to its
 * first page, `has_more` telling the client to page `GET /v1/invoices/:id/lines`.
 * https://docs.stripe.com/api/invoices/object#invoice_object-lines
 */
export function truncateEmbeddedLists<T>(value: T): T {
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit)
    if (node === null || typeof node !== 'object') return
    const record = node as Record<string, unknown>
    for (const child of Object.values(record)) visit(child)
    const lines = record.object === 'invoice' ? (record.lines as { data?: unknown[] }) : undefined
    if (lines?.data && lines.data.length > EMBEDDED_LINES)
      record.lines = { ...lines, data: lines.data.slice(0, EMBEDDED_LINES), has_more: true }
  }
  visit(value)
  return value
}
