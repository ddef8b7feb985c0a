import { z } from 'zod'
import type { SandboxRequest, SandboxResponse } from '../framework/http-server.js'
import type { Router } from '../framework/router.js'
import type { PortalAccess } from './access.js'
import { jsonBody, scoped, schemaScope, withObjectType } from './api.js'
import { hubspotError, objectNotFound, validationError } from './errors.js'
import { INTEGRATION_USER_ID } from './portal.js'
import { customProperty, type ObjectType } from './properties.js'
import { iso } from './records.js'
import type { HubspotStore } from './store.js'

/** Field types each property type takes. */
const FIELD_TYPES: Record<string, string[]> = {
  string: ['text', 'textarea', 'html', 'phonenumber', 'file'],
  number: ['number', 'calculation_equation'],
  date: ['date'],
  datetime: ['date'],
  enumeration: ['select', 'radio', 'checkbox', 'booleancheckbox'],
  bool: ['booleancheckbox'],
}

const propertyCreateSchema = z.object({
  name: z.string().regex(/^[a-z][a-z0-9_]*$/, 'must be lower-case letters, digits and underscores'),
  label: z.string().min(1),
  type: z.enum(['string', 'number', 'date', 'datetime', 'enumeration', 'bool']),
  fieldType: z.string().min(1),
  groupName: z.string().min(1),
  description: z.string().optional(),
  displayOrder: z.number().int().optional(),
  hasUniqueValue: z.boolean().optional(),
  options: z
    .array(
      z.object({
        label: z.string().min(1),
        value: z.string().min(1),
        displayOrder: z.number().int().optional(),
        hidden: z.boolean().optional(),
      }),
    )
    .optional(),
})

const groupCreateSchema = z.object({
  name: z.string().regex(/^[a-z][a-z0-9_]*$/, 'must be lower-case letters, digits and underscores'),
  label: z.string().min(1),
  displayOrder: z.number().int().optional(),
})

/**
 * The properties API: the portal's properties and property groups of companies and deals;
 * create answers 201, and 409 when the name is taken (HubSpot's 409 is unverified).
 * https://developers.hubspot.com/docs/reference/api/crm/properties
 */
export function propertyRoutes(router: Router, store: HubspotStore, access: PortalAccess): void {
  const route = (
    what: 'read' | 'write',
    handler: (req: SandboxRequest, type: ObjectType) => SandboxResponse,
  ) =>
    withObjectType((req, type) =>
      scoped(access, schemaScope(type, what), (r) => handler(r, type))(req),
    )
  const base = '/crm/v3/properties/:objectType'

  router.on(
    'GET',
    `${base}/groups`,
    route('read', (_req, type) => ({
      status: 200,
      body: { results: store.schema.groupList(type) },
    })),
  )
  router.on(
    'GET',
    `${base}/groups/:groupName`,
    route('read', (req, type) => {
      const group = store.schema.group(type, req.params.groupName!)
      return group
        ? { status: 200, body: group }
        : objectNotFound(`group ${req.params.groupName} not found`)
    }),
  )
  router.on(
    'POST',
    `${base}/groups`,
    route('write', (req, type) => {
      const body = parseBody(req, groupCreateSchema)
      if (!body.ok) return body.response
      const { name, label, displayOrder } = body.value
      if (store.schema.group(type, name))
        return hubspotError(
          409,
          'OBJECT_ALREADY_EXISTS',
          `A property group named '${name}' already exists.`,
        )
      const group = { name, label, displayOrder: displayOrder ?? -1, archived: false }
      store.schema.addGroup(type, group)
      return { status: 201, body: group }
    }),
  )
  router.on(
    'GET',
    base,
    route('read', (_req, type) => ({ status: 200, body: { results: store.schema.list(type) } })),
  )
  router.on(
    'GET',
    `${base}/:propertyName`,
    route('read', (req, type) => {
      const property = store.schema.get(type, req.params.propertyName!)
      return property
        ? { status: 200, body: property }
        : objectNotFound(`property ${req.params.propertyName} not found`)
    }),
  )
  router.on(
    'POST',
    base,
    route('write', (req, type) => {
      const body = parseBody(req, propertyCreateSchema)
      if (!body.ok) return body.response
      const input = body.value
      if (!FIELD_TYPES[input.type]!.includes(input.fieldType))
        return validationError(`fieldType ${input.fieldType} is not valid for type ${input.type}`)
      if (input.type === 'enumeration' && !(input.options?.length ?? 0))
        return validationError('options: an enumeration property needs at least one option')
      if (!store.schema.group(type, input.groupName))
        return validationError(`Unable to find group ${input.groupName}`)
      if (store.schema.get(type, input.name))
        return hubspotError(
          409,
          'OBJECT_ALREADY_EXISTS',
          `Property named '${input.name}' already exists.`,
        )
      const property = customProperty(input, iso(store.now()), String(INTEGRATION_USER_ID))
      store.schema.add(type, property)
      return { status: 201, body: property }
    }),
  )
}

function parseBody<S extends z.ZodType>(
  req: SandboxRequest,
  schema: S,
): { ok: true; value: z.infer<S> } | { ok: false; response: SandboxResponse } {
  const body = jsonBody(req)
  if (!body.ok) return body
  const parsed = schema.safeParse(body.body)
  if (parsed.success) return { ok: true, value: parsed.data }
  return {
    ok: false,
    response: validationError(
      parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '),
    ),
  }
}
