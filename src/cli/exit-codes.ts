import { Cs360Error } from '../errors.js'

/** `cs360` exit codes: 0 ok, 1 runtime failure, 2 usage or configuration error. */
export const EXIT_OK = 0
export const EXIT_RUNTIME = 1
export const EXIT_CONFIG = 2

export class CliExit extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message)
  }
}

export function exitCodeFor(error: unknown): number {
  if (error instanceof CliExit) return error.code
  if (error instanceof Cs360Error && (error.kind === 'config' || error.kind === 'auth'))
    return EXIT_CONFIG
  return EXIT_RUNTIME
}
