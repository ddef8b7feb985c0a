import { Cs360Error } from '../errors.js'

/**
 * `cs360` exit codes: 0 ok, 1 runtime failure, 2 usage or configuration error, 130 interrupted
 * (Ctrl-C or SIGTERM stopped the command and what it had started).
 */
export const EXIT_OK = 0
export const EXIT_RUNTIME = 1
export const EXIT_CONFIG = 2
export const EXIT_INTERRUPTED = 130

export class CliExit extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message)
  }
}

function* causes(error: unknown): Generator<unknown> {
  for (let current = error; current; current = (current as { cause?: unknown }).cause) yield current
}

/**
 * A sync that failed on bad credentials or config exits 2 like `cs360 check` would: the cause
 * chain of a failed workflow carries the activity's ApplicationFailure type.
 */
export function exitCodeFor(error: unknown): number {
  if (error instanceof CliExit) return error.code
  for (const current of causes(error)) {
    if (current instanceof Cs360Error && (current.kind === 'config' || current.kind === 'auth')) {
      return EXIT_CONFIG
    }
    const type = (current as { type?: unknown }).type
    if (type === 'ConfigError' || type === 'AuthError') return EXIT_CONFIG
  }
  return EXIT_RUNTIME
}

/**
 * What to print for a failure: for a failed workflow, the message of the innermost
 * ApplicationFailure (what the activity said), since "Workflow execution failed" says nothing;
 * any other error speaks for itself.
 */
export function describeError(error: unknown): string {
  let message = error instanceof Error ? error.message : String(error)
  for (const current of causes(error)) {
    if (current instanceof Error && current.name === 'ApplicationFailure' && current.message) {
      message = current.message
    }
  }
  return message
}

/**
 * `--verbose`: every error of the cause chain with its stack (a failed workflow's chain ends in
 * the activity's own error and stack), indented under the one-line description.
 */
export function causeChain(error: unknown): string[] {
  return [...causes(error)].map((current, depth) => {
    const type = (current as { type?: unknown }).type
    const text =
      current instanceof Error
        ? current.stack || `${current.name}: ${current.message}`
        : String(current)
    const heading = `${depth === 0 ? 'error' : 'caused by'}${typeof type === 'string' ? ` (${type})` : ''}: `
    return `${heading}${text}`.replace(/^/gm, '  ')
  })
}
