import type { RequestHandler, SandboxRequest, SandboxResponse } from '../framework/http-server.js'
import { missingScopes, type PortalAccess } from './access.js'
import { validationError } from './errors.js'
import { objectTypeOf } from './object-json.js'
import type { Scope } from './portal.js'
import type { ObjectType } from './properties.js'

/** A route that needs `scope`: 403 MISSING_SCOPES when the caller's token lacks it. */
export function scoped(
  access: PortalAccess,
  scope: Scope,
  handler: RequestHandler,
): RequestHandler {
  return (req) => {
    const verdict = access.verify(req)
    if (!verdict.ok) return verdict.response
    return verdict.scopes.has(scope) ? handler(req) : missingScopes(scope)
  }
}

/** The scope a call on `type` needs (CRM objects) or its schema (properties). */
export function objectScope(type: ObjectType, what: 'read' | 'write'): Scope {
  return `crm.objects.${type}.${what}` as Scope
}

export function schemaScope(type: ObjectType, what: 'read' | 'write'): Scope {
  return `crm.schemas.${type}.${what}` as Scope
}

/** Resolves `:objectType` or answers HubSpot's 400 for a type it cannot infer. */
export function withObjectType(
  handler: (req: SandboxRequest, type: ObjectType) => SandboxResponse | Promise<SandboxResponse>,
): (req: SandboxRequest) => SandboxResponse | Promise<SandboxResponse> {
  return (req) => {
    const type = objectTypeOf(req.params.objectType)
    return type
      ? handler(req, type)
      : validationError(`Unable to infer object type from: ${req.params.objectType}`)
  }
}

/** The routes of one object type, checking the scope the call needs on that type. */
export function objectRoute(
  access: PortalAccess,
  what: 'read' | 'write',
  handler: (req: SandboxRequest, type: ObjectType) => SandboxResponse | Promise<SandboxResponse>,
): RequestHandler {
  return withObjectType((req, type) =>
    scoped(access, objectScope(type, what), (r) => handler(r, type))(req),
  )
}

/** A JSON body the route can read, or HubSpot's 400 for a missing or malformed one. */
export function jsonBody(
  req: SandboxRequest,
): { ok: true; body: Record<string, unknown> } | { ok: false; response: SandboxResponse } {
  if (req.bodyError)
    return {
      ok: false,
      response: validationError(`Invalid input JSON on line 1: ${req.bodyError}`),
    }
  if (!req.body || typeof req.body !== 'object' || Array.isArray(req.body))
    return { ok: false, response: validationError('Invalid input JSON: expected an object') }
  return { ok: true, body: req.body as Record<string, unknown> }
}

/** A `limit` query parameter: default, maximum, and HubSpot's 400 beyond it. */
export function limitParam(
  req: SandboxRequest,
  fallback: number,
  max: number,
): { ok: true; limit: number } | { ok: false; response: SandboxResponse } {
  const raw = req.query.get('limit')
  if (raw === null) return { ok: true, limit: fallback }
  const limit = Number(raw)
  if (!Number.isInteger(limit) || limit < 1 || limit > max)
    return {
      ok: false,
      response: validationError(`limit: must be a whole number from 1 to ${max}; got ${raw}`),
    }
  return { ok: true, limit }
}
