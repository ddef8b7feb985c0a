const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'
const SUFFIX = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345'
const ID = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/

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

/** The 18-character form of a 15- or 18-character id; undefined when it is no id at all. */
export function toId18(id: string): string | undefined {
  if (!ID.test(id)) return undefined
  return id.length === 18 ? id : id + caseSafeSuffix(id)
}

/** A new 18-character id with the object's key prefix; `sequence` keeps it unique per server. */
export function newId(prefix: string, sequence: number): string {
  let body = ''
  for (let i = 0, n = sequence; i < 10; i++, n = Math.floor(n / 62)) body = BASE62[n % 62] + body
  // "8Z" stands where a real id has its pod; datasets use other pods, so ids never collide.
  const id15 = `${prefix}8Z${body}`
  return id15 + caseSafeSuffix(id15)
}
