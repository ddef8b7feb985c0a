import type { CrmField } from '../types.js'

interface DescribedField {
  name: string
  label?: string
  type: string
  updateable: boolean
  custom: boolean
  length?: number
  picklistValues?: { value: string; active?: boolean }[] | null
}

const TYPES: Record<string, CrmField['type']> = {
  double: 'number',
  currency: 'number',
  percent: 'number',
  int: 'number',
  long: 'number',
  string: 'text',
  textarea: 'text',
  url: 'text',
  email: 'text',
  phone: 'text',
  picklist: 'picklist',
  date: 'date',
  datetime: 'datetime',
  boolean: 'boolean',
}

/**
 * A describe result's fields in cs360's terms. A picklist lists its active values only: an
 * inactive value is refused on save.
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_sobject_describe.htm
 */
export function describedFields(fields: readonly DescribedField[]): CrmField[] {
  return fields.map((f) => ({
    name: f.name,
    label: f.label,
    type: TYPES[f.type] ?? 'other',
    updateable: f.updateable,
    custom: f.custom,
    length: TYPES[f.type] === 'text' ? f.length : undefined,
    options:
      f.type === 'picklist'
        ? (f.picklistValues ?? []).filter((p) => p.active !== false).map((p) => p.value)
        : undefined,
  }))
}
