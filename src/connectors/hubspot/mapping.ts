import { rowFor } from '../../db/load-target.js'
import { csmHealthText } from '../csm-health-field.js'
import { domainFromWebsite } from '../domain.js'
import { parseRecord } from '../parse-record.js'
import type { MappedRecord } from '../types.js'
import type { HubspotConfig } from './config.js'
import { companySchema, dateValue, dealSchema, ownerSchema } from './schemas.js'

export const SOURCE = 'hubspot'

/** What a page of deals brings along for its mapping: company links and pipeline stages. */
export interface DealPageContext {
  /** deal id → its (primary) company id. */
  companyOf: Record<string, string>
  /**
   * stage id → whether the stage closes the deal and whether it wins it, and the stage's win
   * probability (0–1; null when the pipeline gives none).
   */
  stages: Record<
    string,
    { pipeline: string; closed: boolean; won: boolean; probability: number | null }
  >
}

const day = (iso: string | null | undefined) =>
  iso ? new Date(iso).toISOString().slice(0, 10) : null

/** An archived record's deletion: when it went to the recycle bin (else its last change). */
function deletion(r: {
  archived: boolean
  archivedAt?: string | null
  properties: { hs_lastmodifieddate: string }
}) {
  const modified = r.properties.hs_lastmodifieddate
  if (!r.archived) return { version: modified, deletedAt: null }
  const archivedAt = r.archivedAt ?? modified
  return {
    version: Date.parse(archivedAt) > Date.parse(modified) ? archivedAt : modified,
    deletedAt: archivedAt,
  }
}

/** An owner → crm_users: deactivated users' owners are listed as archived, not deleted. */
export function mapOwner(raw: unknown): MappedRecord {
  const parsed = parseRecord(ownerSchema, raw)
  if (!parsed.ok) return parsed
  const o = parsed.value
  const name = [o.firstName, o.lastName].filter(Boolean).join(' ') || o.email || `Owner ${o.id}`
  return {
    ok: true,
    rows: [
      rowFor('crm_users', {
        source: SOURCE,
        source_id: o.id,
        name,
        email: o.email ?? null,
        is_active: !o.archived,
        source_updated_at: o.updatedAt,
        deleted_at: null,
      }),
    ],
  }
}

export function mapCompany(raw: unknown, config: HubspotConfig): MappedRecord {
  const parsed = parseRecord(companySchema, raw)
  if (!parsed.ok) return parsed
  const r = parsed.value
  const p = r.properties
  const externalIds = Object.fromEntries(
    Object.entries(config.identityFields).flatMap(([system, property]) => {
      const value = p[property]
      return typeof value === 'string' && value.trim() ? [[system, value.trim()]] : []
    }),
  )
  const { version, deletedAt } = deletion(r)
  return {
    ok: true,
    rows: [
      rowFor('accounts', {
        source: SOURCE,
        source_id: r.id,
        name: p.name,
        domain: domainFromWebsite(p.domain ?? p.website),
        industry: p.industry ?? null,
        // HubSpot's nearest to Salesforce's Account Type: customer, other (former) …
        account_type: p.lifecyclestage ?? null,
        employees: p.numberofemployees ?? null,
        annual_revenue: p.annualrevenue ?? null,
        owner_source_id: p.hubspot_owner_id ?? null,
        last_activity_date: day(p.notes_last_updated),
        external_ids: JSON.stringify(externalIds),
        csm_health: config.csmHealthField ? csmHealthText(p[config.csmHealthField]) : null,
        source_created_at: p.createdate ?? r.createdAt ?? null,
        source_updated_at: version,
        deleted_at: deletedAt,
      }),
    ],
  }
}

/**
 * A deal → opportunities. Closed and won come from its pipeline stage's metadata; a deal in a
 * pipeline the config does not count lands marked deleted, so that moving a deal out of a
 * counted pipeline takes it out of ARR and renewals.
 */
export function mapDeal(raw: unknown, config: HubspotConfig, page: DealPageContext): MappedRecord {
  const parsed = parseRecord(dealSchema, raw)
  if (!parsed.ok) return parsed
  const r = parsed.value
  const p = r.properties
  const stage = page.stages[p.dealstage]
  if (!stage || stage.pipeline !== p.pipeline)
    return {
      ok: false,
      sourceId: r.id,
      reason: `properties.dealstage: ${p.dealstage} is no stage of pipeline ${p.pipeline}`,
    }
  const { contractStartProperty, contractEndProperty, renewalTypes, pipelines } = config.deals
  const { expansionTypes, expansionPipelines } = config.deals
  const start = dateValue.safeParse(p[contractStartProperty])
  const end = dateValue.safeParse(p[contractEndProperty])
  if (!start.success || !end.success) {
    const property = start.success ? contractEndProperty : contractStartProperty
    return { ok: false, sourceId: r.id, reason: `properties.${property}: not a YYYY-MM-DD date` }
  }
  const { version, deletedAt } = deletion(r)
  const counted = !pipelines || pipelines.includes(p.pipeline)
  const isRenewal = p.dealtype != null && renewalTypes.includes(p.dealtype)
  // The deal's own forecast probability when someone set one, else its stage's.
  const probability = p.hs_forecast_probability ?? stage.probability
  return {
    ok: true,
    rows: [
      rowFor('opportunities', {
        source: SOURCE,
        source_id: r.id,
        account_source_id: page.companyOf[r.id] ?? null,
        name: p.dealname,
        opportunity_type: p.dealtype ?? null,
        is_renewal: isRenewal,
        is_expansion:
          !isRenewal &&
          ((p.dealtype != null && expansionTypes.includes(p.dealtype)) ||
            expansionPipelines.includes(p.pipeline)),
        stage: p.dealstage,
        amount: p.amount ?? null,
        probability: probability == null ? null : Math.round(probability * 10_000) / 100,
        close_date: day(p.closedate),
        is_closed: stage.closed,
        is_won: stage.won,
        contract_start: start.data ?? null,
        contract_end: end.data ?? null,
        owner_source_id: p.hubspot_owner_id ?? null,
        source_created_at: p.createdate ?? r.createdAt ?? null,
        source_updated_at: version,
        deleted_at: deletedAt ?? (counted ? null : p.hs_lastmodifieddate),
      }),
    ],
  }
}
