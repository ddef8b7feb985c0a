import { WRITE_BACK_OUTPUT_KINDS, type WriteBackOutput } from '../model/outputs.js'
import type { CrmField } from './types.js'

export interface MappedFieldsInput {
  connectorId: string
  object: string
  /** output → CRM field name, as configured. */
  fieldMap: Partial<Record<WriteBackOutput, string>>
  fields: readonly CrmField[]
  /** Standard fields the config explicitly lets cs360 write. */
  standardAllowed: readonly string[]
  /** How to create a missing field in this CRM. */
  howToCreate: string
  /** Which fields cs360 owns without an opt-in, in the CRM's words. */
  ownedFields: string
  /** Extra picklist values cs360 may write into the band field (the "not scored" mark). */
  extraBandValues?: readonly string[]
}

/**
 * Whether every mapped field can take what cs360 writes into it: it exists, is updateable, is
 * cs360's to own (custom, or a standard field the config names explicitly), and its type fits
 * the value. One problem per field, each with its key path and the fix; `cs360 check` prints
 * them and a sync refuses to start on any, before a single write.
 */
export function mappedFieldProblems(input: MappedFieldsInput): string[] {
  const byName = new Map(input.fields.map((f) => [f.name.toLowerCase(), f]))
  const problems: string[] = []
  for (const [output, name] of Object.entries(input.fieldMap) as [WriteBackOutput, string][]) {
    const at = `connectors.${input.connectorId}.writeBack.fields.${output}`
    const field = byName.get(name.toLowerCase())
    const where = `${input.object}.${name}`
    if (!field) {
      problems.push(
        `${at}: ${where} does not exist; ${input.howToCreate}, or map ${output} elsewhere`,
      )
      continue
    }
    if (!field.updateable) {
      problems.push(
        `${at}: ${where} is read-only; map ${output} to a field the integration user can edit`,
      )
      continue
    }
    if (
      !field.custom &&
      !input.standardAllowed.some((s) => s.toLowerCase() === name.toLowerCase())
    ) {
      problems.push(
        `${at}: ${where} is not a field cs360 owns (cs360 owns ${input.ownedFields}); cs360 writes it only when connectors.${input.connectorId}.writeBack.standardFields lists it (overwriting it in every account is rarely what you want)`,
      )
      continue
    }
    const misfit = typeProblem(output, field, input.extraBandValues ?? [])
    if (misfit) problems.push(`${at}: ${where} ${misfit}`)
  }
  return problems
}

function typeProblem(
  output: WriteBackOutput,
  field: CrmField,
  extraBandValues: readonly string[],
): string | null {
  const wanted = WRITE_BACK_OUTPUT_KINDS[output]
  if (wanted.kind === 'number')
    return field.type === 'number'
      ? null
      : `is a ${field.type} field; ${output} needs a number field`
  if (wanted.kind === 'date')
    return field.type === 'date' ? null : `is a ${field.type} field; ${output} needs a date field`
  if (wanted.kind === 'text')
    return field.type === 'text' ? null : `is a ${field.type} field; ${output} needs a text field`
  // The band: a picklist holding every band name, or text long enough for the longest.
  // The "not scored" mark goes into the band only.
  const values = [...wanted.options, ...(output === 'healthBand' ? extraBandValues : [])]
  if (field.type === 'picklist') {
    const missing = values.filter((v) => !(field.options ?? []).includes(v))
    return missing.length === 0
      ? null
      : `is a picklist without the value(s) ${missing.join(', ')}; add them to its values`
  }
  if (field.type === 'text') {
    const longest = Math.max(...values.map((v) => v.length))
    return field.length !== undefined && field.length < longest
      ? `holds ${field.length} characters; ${output} needs ${longest}`
      : null
  }
  return `is a ${field.type} field; ${output} needs a picklist or a text field`
}
