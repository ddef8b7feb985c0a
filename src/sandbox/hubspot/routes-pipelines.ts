import type { Router } from '../framework/router.js'
import type { PortalAccess } from './access.js'
import { scoped } from './api.js'
import { objectNotFound } from './errors.js'
import { DEFAULT_PIPELINE_STAGES } from './property-catalog.js'

const CREATED = '2019-08-06T02:41:52.086Z'

/** The portal's one deal pipeline: HubSpot's default sales pipeline. */
export const DEAL_PIPELINES = [
  {
    id: 'default',
    label: 'Sales Pipeline',
    displayOrder: 0,
    archived: false,
    createdAt: CREATED,
    updatedAt: CREATED,
    stages: DEFAULT_PIPELINE_STAGES.map(([id, label, probability], displayOrder) => ({
      id,
      label,
      displayOrder,
      metadata: {
        isClosed: String(probability === '1.0' || probability === '0.0'),
        probability,
      },
      archived: false,
      createdAt: CREATED,
      updatedAt: CREATED,
    })),
  },
]

/**
 * Deal pipelines and their stages; a stage's `metadata.isClosed` and `probability` (1.0 won,
 * 0.0 lost) tell a closed-won deal from a closed-lost one.
 * https://developers.hubspot.com/docs/reference/api/crm/pipelines
 */
export function pipelineRoutes(router: Router, access: PortalAccess): void {
  router.on(
    'GET',
    '/crm/v3/pipelines/:objectType',
    scoped(access, 'crm.objects.deals.read', (req) =>
      ['deals', '0-3'].includes(req.params.objectType!)
        ? { status: 200, body: { results: DEAL_PIPELINES } }
        : objectNotFound(`no pipelines for ${req.params.objectType}`),
    ),
  )
}
