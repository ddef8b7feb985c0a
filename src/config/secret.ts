import { inspect } from 'node:util'
import { z } from 'zod'

/**
 * A credential read from the environment. It renders as its variable name everywhere
 * (logs, JSON, util.inspect) so that a config object can be printed or serialized without
 * leaking the value; only `reveal()` hands the value to an SDK client.
 */
export class Secret {
  readonly #value: string
  constructor(
    readonly envName: string,
    value: string,
  ) {
    this.#value = value
  }
  reveal(): string {
    return this.#value
  }
  toString(): string {
    return `[secret \${${this.envName}}]`
  }
  toJSON(): string {
    return this.toString()
  }
  [inspect.custom](): string {
    return this.toString()
  }
}

/** Keys whose values are credentials: they may only be `${ENV_VAR}` references. */
export const SECRET_KEYS = new Set([
  'clientSecret',
  'refreshToken',
  'accessToken',
  'apiKey',
  'apiToken',
  'secretKey',
  'password',
  'privateKey',
])

/** Schema of a credential field, resolved to a `Secret` by `resolveEnvironment` beforehand. */
export const secretField = z.custom<Secret>((value) => value instanceof Secret, {
  message: 'must be an environment reference such as ${SALESFORCE_CLIENT_SECRET}',
})
