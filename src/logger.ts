/**
 * Structured one-line logs on stderr. Values pass through JSON.stringify, so `Secret`s render as
 * their variable name, never their value.
 */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void
  warn(message: string, fields?: Record<string, unknown>): void
  error(message: string, fields?: Record<string, unknown>): void
  child(fields: Record<string, unknown>): Logger
}

type Level = 'info' | 'warn' | 'error'

export function createLogger(
  base: Record<string, unknown> = {},
  write: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
  quiet = process.env.CS360_LOG_LEVEL === 'silent',
): Logger {
  const emit = (level: Level, message: string, fields?: Record<string, unknown>) => {
    if (quiet && level !== 'error') return
    write(JSON.stringify({ at: new Date().toISOString(), level, message, ...base, ...fields }))
  }
  return {
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
    child: (fields) => createLogger({ ...base, ...fields }, write, quiet),
  }
}
