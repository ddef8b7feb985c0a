/**
 * JSON with one record per line: sections and keys are laid out like pretty-printed JSON, and
 * every element of an array of objects is one compact line. A 340-account company stays
 * readable and diffable without paying indentation on each of its tens of thousands of events.
 */
export function formatDatasetJson(value: unknown, indent = ''): string {
  if (Array.isArray(value)) {
    if (value.length === 0 || !value.every(isPlainObject)) return JSON.stringify(value)
    const inner = `${indent}  `
    return `[\n${value.map((v) => inner + JSON.stringify(v)).join(',\n')}\n${indent}]`
  }
  if (isPlainObject(value)) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined)
    if (entries.length === 0) return '{}'
    const inner = `${indent}  `
    const lines = entries.map(
      ([k, v]) => `${inner}${JSON.stringify(k)}: ${formatDatasetJson(v, inner)}`,
    )
    return `{\n${lines.join(',\n')}\n${indent}}`
  }
  return JSON.stringify(value)
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
