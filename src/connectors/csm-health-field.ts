import type { z } from 'zod'
import type { CrmField } from './types.js'

/** Field types a CSM can type a status, a band or a 0–100 score into. */
const READABLE_TYPES: readonly CrmField['type'][] = ['text', 'picklist', 'number']

/**
 * The config rule that keeps a person's judgement safe: no write-back output may be mapped onto
 * the field holding the CSM's own health view (issue 7: overrides live beside the model's
 * score, never in place of it). For a CRM config schema's superRefine; field names compare
 * case-insensitively, as both CRMs treat them.
 */
export function refuseWritesOntoCsmField(
  config: {
    csmHealthField?: string | undefined
    writeBack: { fields: Partial<Record<string, string>> }
  },
  ctx: z.RefinementCtx,
): void {
  const csmField = config.csmHealthField?.toLowerCase()
  if (!csmField) return
  for (const [output, field] of Object.entries(config.writeBack.fields))
    if (field?.toLowerCase() === csmField)
      ctx.addIssue({
        code: 'custom',
        path: ['writeBack', 'fields', output],
        message: `${field} is csmHealthField, the CSM's own view of health: cs360 never overwrites a person's judgement; map ${output} to a field of its own`,
      })
}

/**
 * Whether the CRM has the configured CSM health field and cs360 can read it: it exists in the
 * object's describe (a field the integration user may not read is left out of it) and holds
 * text, a picklist or a number. One problem line with the key path and the fix, or none.
 */
export function csmHealthFieldProblems(input: {
  connectorId: string
  object: string
  field: string
  fields: readonly CrmField[]
  howToCreate: string
}): string[] {
  const at = `connectors.${input.connectorId}.csmHealthField`
  const where = `${input.object}.${input.field}`
  const field = input.fields.find((f) => f.name.toLowerCase() === input.field.toLowerCase())
  if (!field)
    return [
      `${at}: ${where} does not exist or the integration user cannot read it; ${input.howToCreate} (text or picklist) and give the integration user read access, or remove csmHealthField`,
    ]
  if (!READABLE_TYPES.includes(field.type))
    return [
      `${at}: ${where} is a ${field.type} field; a CSM's health view needs a text, picklist or number field (Green/Yellow/Red, a band name or a 0–100 score)`,
    ]
  return []
}

/**
 * The CSM's value as the accounts table keeps it: text, trimmed, null when empty. A number
 * field's value arrives as a number (Salesforce) and is kept as its text; a value of any other
 * shape is no view at all.
 */
export function csmHealthText(value: unknown): string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : null
  if (typeof value !== 'string') return null
  const text = value.trim()
  return text === '' ? null : text
}
