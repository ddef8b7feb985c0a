import {
  StripeApiError,
  invalidInteger,
  invalidParam,
  stripeError,
  unknownParam,
} from './errors.js'
import type { FormParams, FormValue } from './form-params.js'

/** Rejects parameters the endpoint does not take, as Stripe does (`parameter_unknown`). */
export function checkParams(params: FormParams, allowed: readonly string[]): void {
  for (const key of Object.keys(params))
    if (key !== 'expand' && !allowed.includes(key)) throw new StripeApiError(unknownParam(key))
}

/** A string parameter, or undefined when absent; a hash or list where a string belongs is a 400. */
export function stringParam(params: FormParams, name: string): string | undefined {
  const value = params[name]
  if (value === undefined) return undefined
  if (typeof value !== 'string')
    throw new StripeApiError(invalidParam(`Invalid string: ${JSON.stringify(value)}`, name))
  return value
}

export function integerParam(value: FormValue, param: string): number {
  if (typeof value !== 'string' || !/^-?\d+$/.test(value))
    throw new StripeApiError(invalidInteger(param, typeof value === 'string' ? value : '{...}'))
  return Number(value)
}

/** `expand[]` paths. */
export function expandParam(params: FormParams): string[] {
  const value = params.expand
  if (value === undefined) return []
  const list = Array.isArray(value) ? value : [value]
  if (!list.every((v): v is string => typeof v === 'string'))
    throw new StripeApiError(invalidParam('Invalid array', 'expand'))
  return list
}

/** `limit`: 1 to 100, default 10. https://docs.stripe.com/api/pagination */
export function limitParam(params: FormParams): number {
  if (params.limit === undefined) return 10
  const limit = integerParam(params.limit, 'limit')
  if (limit < 1 || limit > 100)
    // Stripe's wording of an out-of-range limit is unverified; the range is documented.
    throw new StripeApiError(
      invalidParam(
        `This value must be between 1 and 100 (it currently is '${limit}').`,
        'limit',
        'parameter_invalid_integer',
      ),
    )
  return limit
}

/**
 * A range filter such as `created`: an exact integer, or a hash of `gt`, `gte`, `lt`, `lte`.
 * https://docs.stripe.com/api/customers/list#list_customers-created
 */
export function rangeParam(
  params: FormParams,
  name: string,
): ((value: unknown) => boolean) | undefined {
  const value = params[name]
  if (value === undefined) return undefined
  if (typeof value === 'string') {
    const exact = integerParam(value, name)
    return (v) => v === exact
  }
  if (Array.isArray(value)) throw new StripeApiError(invalidParam('Invalid hash', name))
  const bounds: ((v: number) => boolean)[] = []
  for (const [op, raw] of Object.entries(value)) {
    const n = integerParam(raw, `${name}[${op}]`)
    if (op === 'gt') bounds.push((v) => v > n)
    else if (op === 'gte') bounds.push((v) => v >= n)
    else if (op === 'lt') bounds.push((v) => v < n)
    else if (op === 'lte') bounds.push((v) => v <= n)
    else throw new StripeApiError(unknownParam(`${name}[${op}]`))
  }
  return (v) => typeof v === 'number' && bounds.every((b) => b(v))
}

/** One of `allowed`, or Stripe's enum error naming them. */
export function enumParam<T extends string>(
  params: FormParams,
  name: string,
  allowed: readonly T[],
): T | undefined {
  const value = stringParam(params, name)
  if (value === undefined) return undefined
  if (!(allowed as readonly string[]).includes(value))
    throw new StripeApiError(
      invalidParam(`Invalid ${name}: must be one of ${allowed.join(', ')}`, name),
    )
  return value as T
}

/** Two parameters that cannot go together (`starting_after` and `ending_before`). */
export function exclusive(params: FormParams, a: string, b: string): void {
  if (params[a] !== undefined && params[b] !== undefined)
    throw new StripeApiError(
      stripeError(
        400,
        'invalid_request_error',
        `You may only specify one of these parameters: ${a}, ${b}.`,
        { code: 'parameters_exclusive', param: b },
      ),
    )
}
