import { createHash } from 'node:crypto'
import { Secret } from '../config/secret.js'

/**
 * Per config key a stream declares (`Stream.interpretation`), a hash of the value it had when
 * the stream was last read to the end. A hash per key, not one for all, so a run can say which
 * setting changed; hashes, so the table holds nothing of the config but whether it moved.
 */
export type InterpretationFingerprint = Record<string, string>

/** The fingerprint of a stream's declared values; the same values give the same hashes. */
export function interpretationFingerprint(
  values: Readonly<Record<string, unknown>>,
): InterpretationFingerprint {
  return Object.fromEntries(
    Object.keys(values)
      .sort()
      .map((key) => [key, hashOf(canonical(values[key], key))]),
  )
}

/**
 * The declared keys whose value differs from the stored fingerprint's (or that one lacks or
 * this one dropped). No stored fingerprint is no change: the stream was never read to the end
 * under a known interpretation, so there is nothing to re-apply.
 */
export function changedInterpretation(
  stored: InterpretationFingerprint | null,
  current: InterpretationFingerprint,
): string[] {
  if (!stored) return []
  const keys = new Set([...Object.keys(stored), ...Object.keys(current)])
  return [...keys].filter((key) => stored[key] !== current[key]).sort()
}

function hashOf(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 32)
}

/** JSON with object keys sorted, so the order a config was written in never counts as a change. */
function canonical(value: unknown, path: string): string {
  // A credential never decides how records map; declaring one is a mistake to stop, not hash.
  if (value instanceof Secret)
    throw new Error(`${path}: a credential cannot be part of a stream's interpretation`)
  if (value === undefined) return 'null'
  if (Array.isArray(value))
    return `[${value.map((v, i) => canonical(v, `${path}[${i}]`)).join(',')}]`
  if (value !== null && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map(
        (k) =>
          `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k], `${path}.${k}`)}`,
      )
      .join(',')}}`
  return JSON.stringify(value)
}
