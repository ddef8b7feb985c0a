import type { SandboxResponse } from '../framework/http-server.js'
import { errorBody, type HubspotErrorBody } from './errors.js'
import type { PropertyProblem } from './records.js'

/**
 * HubSpot's validation error for property values: the message embeds the list of failed
 * checks (`Property values were not valid: [...]`); `errors` lists them one by one with the
 * property in `in`. For a record of a batch, `context.ids` names the input it belongs to.
 */
export function propertyErrorBody(problems: PropertyProblem[], id?: string): HubspotErrorBody {
  const checks = problems.map((p) => ({
    isValid: false,
    message: p.message,
    error: p.code,
    name: p.name,
  }))
  return errorBody(
    'VALIDATION_ERROR',
    `Property values were not valid: ${JSON.stringify(checks)}`,
    {
      errors: problems.map((p) => ({
        message: p.message,
        code: p.code,
        in: p.name,
        context: { propertyName: [p.name] },
      })),
      ...(id !== undefined ? { context: { ids: [id] } } : {}),
    },
  )
}

export function invalidProperties(problems: PropertyProblem[]): SandboxResponse {
  return { status: 400, body: propertyErrorBody(problems) }
}
