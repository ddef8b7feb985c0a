export type SoqlErrorCode =
  | 'MALFORMED_QUERY'
  | 'INVALID_FIELD'
  | 'INVALID_TYPE'
  | 'INVALID_QUERY_FILTER_OPERATOR'
  | 'NUMBER_OUTSIDE_VALID_RANGE'

/** A query Salesforce would refuse with 400; `near` is the text the error points at. */
export class SoqlError extends Error {
  constructor(
    readonly errorCode: SoqlErrorCode,
    message: string,
    readonly near?: string,
  ) {
    super(message)
  }

  /** The message as Salesforce words it: the query, a caret under the culprit, then the reason. */
  render(soql: string): string {
    if (!this.near) return this.message
    const index = soql.toLowerCase().indexOf(this.near.toLowerCase())
    if (index < 0) return this.message
    return `\n${soql}\n${' '.repeat(index)}^\nERROR at Row:1:Column:${index + 1}\n${this.message}`
  }
}

/** A feature of SOQL the sandbox does not emulate: said plainly rather than answered wrongly. */
export function unsupported(what: string): SoqlError {
  return new SoqlError('MALFORMED_QUERY', `the cs360 sandbox does not support ${what} in SOQL`)
}
