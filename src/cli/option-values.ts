import { InvalidArgumentError } from 'commander'

/**
 * Parsers for `cs360` option values, given to commander so a bad value stops the command before
 * any work, as one line naming the option and the expected form, exit 2 (main.ts maps commander's
 * usage errors to EXIT_CONFIG). Commander prefixes "option '--x <n>' argument 'abc' is invalid."
 */

const WHOLE = /^\d+$/

function wholeNumberAtLeast(minimum: number) {
  return (value: string): number => {
    const n = Number(value)
    if (!WHOLE.test(value.trim()) || !Number.isSafeInteger(n) || n < minimum)
      throw new InvalidArgumentError(`Expected a whole number of at least ${minimum}.`)
    return n
  }
}

/** A count: accounts, a list limit, a token lifetime. */
export const positiveInteger = wholeNumberAtLeast(1)

/** A seed or a delay, where 0 is meaningful. */
export const nonNegativeInteger = wholeNumberAtLeast(0)

/** A TCP port to listen on. */
export function port(value: string): number {
  const n = Number(value)
  if (!WHOLE.test(value.trim()) || n < 1 || n > 65_535)
    throw new InvalidArgumentError('Expected a TCP port from 1 to 65535, e.g. 8700.')
  return n
}

/**
 * A calendar day as YYYY-MM-DD that exists: `2026-02-30` is refused rather than read as
 * 2 March, since a score "as of" a day nobody named would be silently wrong.
 */
export function isoDay(value: string): string {
  const time = /^\d{4}-\d{2}-\d{2}$/.test(value) ? Date.parse(`${value}T00:00:00Z`) : NaN
  if (Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== value)
    throw new InvalidArgumentError('Expected a real day as YYYY-MM-DD, e.g. 2026-11-22.')
  return value
}
