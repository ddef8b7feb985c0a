import type { PropertyDefinition } from './properties.js'

export type Coerced =
  { ok: true; value: string | null } | { ok: false; code: string; message: string }

const NUMBER = /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/
const DATE = /^\d{4}-\d{2}-\d{2}$/
const MAX_STRING = 65_536

/**
 * A property value as HubSpot stores it (always a string), or the error it answers with.
 * Dates take `YYYY-MM-DD` or epoch milliseconds at midnight UTC; datetimes ISO-8601 or epoch
 * milliseconds; enumerations one of their option values (checkboxes: several, `;`-separated);
 * an empty string or null clears the value. Error codes follow HubSpot's property validation
 * (`INVALID_OPTION`, `INVALID_DATE` …); the exact wording of each message is unverified.
 * https://developers.hubspot.com/docs/guides/api/crm/properties#property-type-and-fieldtype-values
 */
export function coerceValue(
  property: PropertyDefinition,
  raw: unknown,
  ownerIds: ReadonlySet<string>,
): Coerced {
  if (raw === null || raw === '') return { ok: true, value: null }
  if (typeof raw !== 'string' && typeof raw !== 'number' && typeof raw !== 'boolean')
    return invalid('INVALID_VALUE', `${JSON.stringify(raw)} is not a valid property value`)
  const text = String(raw).trim()
  switch (property.type) {
    case 'number':
      return NUMBER.test(text)
        ? { ok: true, value: String(Number(text)) }
        : invalid('INVALID_FLOAT', `${JSON.stringify(text)} is not a valid number`)
    case 'bool':
      return /^(true|false)$/i.test(text)
        ? { ok: true, value: text.toLowerCase() }
        : invalid('INVALID_BOOLEAN', `${JSON.stringify(text)} is not a valid boolean`)
    case 'date':
      return date(text)
    case 'datetime':
      return datetime(text)
    case 'enumeration':
      return enumeration(property, text, ownerIds)
    default:
      return text.length > MAX_STRING
        ? invalid('INVALID_STRING', `value is longer than ${MAX_STRING} characters`)
        : { ok: true, value: String(raw) }
  }
}

function invalid(code: string, message: string): Coerced {
  return { ok: false, code, message }
}

function date(text: string): Coerced {
  if (DATE.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`)))
    return { ok: true, value: text }
  if (/^\d+$/.test(text)) {
    const ms = Number(text)
    const d = new Date(ms)
    if (ms % 86_400_000 === 0) return { ok: true, value: d.toISOString().slice(0, 10) }
    // HubSpot's own wording for a date property given a time of day.
    return invalid(
      'INVALID_DATE',
      `${text} is at ${d.getUTCHours()}:${d.getUTCMinutes()}:${d.getUTCSeconds()}.${d.getUTCMilliseconds()} UTC, not midnight!`,
    )
  }
  return invalid('INVALID_DATE', `${JSON.stringify(text)} is not a valid date`)
}

function datetime(text: string): Coerced {
  const ms = /^\d+$/.test(text) ? Number(text) : Date.parse(text)
  return Number.isNaN(ms)
    ? invalid('INVALID_DATE', `${JSON.stringify(text)} is not a valid datetime`)
    : { ok: true, value: new Date(ms).toISOString() }
}

function enumeration(
  property: PropertyDefinition,
  text: string,
  ownerIds: ReadonlySet<string>,
): Coerced {
  if (property.name === 'hubspot_owner_id')
    return ownerIds.has(text)
      ? { ok: true, value: text }
      : invalid('INVALID_OWNER_ID', `${text} is not a valid owner id`)
  const allowed = new Set(property.options.map((o) => o.value))
  const values = property.fieldType === 'checkbox' ? text.split(';') : [text]
  const wrong = values.find((v) => !allowed.has(v))
  if (wrong === undefined) return { ok: true, value: values.join(';') }
  const list = property.options.map((o) => `label: ${o.label}, value: ${o.value}`).join('; ')
  return invalid(
    'INVALID_OPTION',
    `${JSON.stringify(wrong)} was not one of the allowed options: [${list}]`,
  )
}
