import { Secret } from './config/secret.js'

/**
 * cs360's one structured logger, on stderr: human-readable lines on a terminal
 * (`17:20:01 info  run started run=… trigger=manual`), JSON lines otherwise. Every line is
 * redacted before it is written: values of secret-looking keys, `Secret`s, the configured
 * secrets' values wherever they appear, and `password=…`/`Bearer …` inside strings.
 */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void
  info(message: string, fields?: Record<string, unknown>): void
  warn(message: string, fields?: Record<string, unknown>): void
  error(message: string, fields?: Record<string, unknown>): void
  child(fields: Record<string, unknown>): Logger
}

/** `silent` still writes errors: a failure is never swallowed. */
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const
export type LogLevel = (typeof LOG_LEVELS)[number]
type Severity = Exclude<LogLevel, 'silent'>

export interface LoggerOptions {
  level?: LogLevel
  format?: 'human' | 'json'
  now?: () => Date
}

export const REDACTED = '[redacted]'

const RANK: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3, silent: 3 }
const SECRET_KEY =
  /pass(word|wd)?$|secret|token|authorization|api[-_]?key|private[-_]?key|cookie|credential/i
// `password=hunter2`, `"apiKey": "abc"`, `Authorization: Basic abc`, `Bearer abc` in free text.
const SECRET_IN_TEXT =
  /\b([\w-]*(?:password|passwd|secret|token|api[-_]?key|authorization)(?:[-_]?key)?["']?\s*[:=]\s*["']?(?:(?:Bearer|Basic)\s+)?)[^\s"',;&]+/gi
const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/g

const secretValues = new Set<string>()

/**
 * Redacts, from every log line of this process, the values of the `Secret`s in `config` (a
 * token that reaches a message through an SDK error is still caught).
 */
export function redactSecretsOf(config: unknown): void {
  const seen = new Set<unknown>()
  const walk = (value: unknown) => {
    if (value instanceof Secret) {
      // Too short a value would blank out ordinary words.
      if (value.reveal().length >= 4) secretValues.add(value.reveal())
    } else if (typeof value === 'object' && value !== null && !seen.has(value)) {
      seen.add(value)
      for (const inner of Object.values(value)) walk(inner)
    }
  }
  walk(config)
}

function redactText(text: string): string {
  let out = text
  for (const secret of secretValues) out = out.replaceAll(secret, REDACTED)
  return out.replace(SECRET_IN_TEXT, `$1${REDACTED}`).replace(BEARER, `$1 ${REDACTED}`)
}

/** A copy of `value` safe to write: see the module comment for what is redacted. */
export function redact(value: unknown, key?: string, seen = new Set<unknown>()): unknown {
  if (value === undefined || value === null) return value
  if (key !== undefined && SECRET_KEY.test(key)) return REDACTED
  if (value instanceof Secret) return value.toString()
  if (typeof value === 'string') return redactText(value)
  if (value instanceof Error) return redactText(value.message)
  if (value instanceof Date) return value.toISOString()
  if (typeof value !== 'object') return value
  if (seen.has(value)) return '[circular]'
  seen.add(value)
  if (Array.isArray(value)) return value.map((v) => redact(v, undefined, seen))
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redact(v, k, seen)]))
}

function levelFromEnvironment(): LogLevel {
  const wanted = process.env.CS360_LOG_LEVEL
  // readEnvironment reports a wrong value; until then the default applies.
  return (LOG_LEVELS as readonly string[]).includes(wanted ?? '') ? (wanted as LogLevel) : 'info'
}

const clock = (at: Date) => at.toTimeString().slice(0, 8)

function humanValue(value: unknown): string {
  if (typeof value === 'string') return /^[^\s"=]+$/.test(value) ? value : JSON.stringify(value)
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value)
}

/** `17:20:01 info  run started run=… trigger=manual`: one line a person reads on a terminal. */
export function humanLine(at: Date, level: Severity, message: string, fields: object): string {
  const pairs = Object.entries(fields)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${humanValue(v)}`)
  return [clock(at), level.padEnd(5), message, ...pairs].join(' ')
}

export function createLogger(
  base: Record<string, unknown> = {},
  /** Where lines go; stderr by default, in the terminal's format when it is one. */
  write?: (line: string) => void,
  /** `true`: errors only (the old quiet flag); `false`: info and up, whatever the environment. */
  options: LoggerOptions | boolean = {},
): Logger {
  const settings: LoggerOptions =
    typeof options === 'boolean' ? { level: options ? 'silent' : 'info' } : options
  const level = settings.level ?? levelFromEnvironment()
  const out = write ?? ((line: string) => process.stderr.write(`${line}\n`))
  const format = settings.format ?? (!write && process.stderr.isTTY ? 'human' : 'json')
  const now = settings.now ?? (() => new Date())
  const emit = (severity: Severity, message: string, fields?: Record<string, unknown>) => {
    if (RANK[severity] < RANK[level]) return
    const at = now()
    const text = redactText(message)
    const safe = redact({ ...base, ...fields }) as Record<string, unknown>
    out(
      format === 'human'
        ? humanLine(at, severity, text, safe)
        : JSON.stringify({ at: at.toISOString(), level: severity, message: text, ...safe }),
    )
  }
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
    child: (fields) =>
      createLogger({ ...base, ...fields }, out, { ...settings, level, format, now }),
  }
}
