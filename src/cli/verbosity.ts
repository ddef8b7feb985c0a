import { createLogger, type Logger } from '../logger.js'

/** CS360_DEBUG is the older spelling of --verbose. */
let verbose = Boolean(process.env.CS360_DEBUG)

/** `-v, --verbose` was given (or CS360_DEBUG is set). */
export function isVerbose(): boolean {
  return verbose
}

export function setVerbose(on: boolean): void {
  verbose ||= on
}

/**
 * The log of a command that runs a sync in its own process and reports it itself (live progress,
 * the summary, the one-line failure): its worker's lines would say everything twice. They come
 * back with --verbose (down to debug) or with CS360_LOG_LEVEL set to a level below silent.
 */
export function inProcessWorkerLog(base: Record<string, unknown>): Logger {
  if (verbose) return createLogger(base, undefined, { level: 'debug' })
  // `silent` keeps errors, but the command prints its failure itself.
  const level = process.env.CS360_LOG_LEVEL
  if (level && level !== 'silent') return createLogger(base)
  return createLogger(base, () => undefined)
}
