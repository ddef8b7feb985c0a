const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'
const SUFFIX = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345'

/** The 3-character case-safe suffix Salesforce appends to a 15-character id. */
export function caseSafeSuffix(id15: string): string {
  let suffix = ''
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0
    for (let i = 0; i < 5; i++) {
      const c = id15[chunk * 5 + i]!
      if (c >= 'A' && c <= 'Z') bits |= 1 << i
    }
    suffix += SUFFIX[bits]
  }
  return suffix
}

/** A new 18-character id with the object's key prefix, unique within this server. */
export function newId(prefix: string, sequence: number): string {
  let body = ''
  let n = sequence
  for (let i = 0; i < 9; i++) {
    body = BASE62[n % 62] + body
    n = Math.floor(n / 62)
  }
  const id15 = `${prefix}8Z${'0'.repeat(1)}${body}`.slice(0, 15)
  return id15 + caseSafeSuffix(id15)
}

/** Salesforce prints datetimes as `2026-11-01T10:00:00.000+0000`. */
export function sfDatetime(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000')
}
