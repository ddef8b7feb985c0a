import { parseRecord } from '../parse-record.js'
import { rowFor } from '../../db/load-target.js'
import type { MappedRecord } from '../types.js'
import { csmHealthText } from '../csm-health-field.js'
import { domainFromWebsite } from '../domain.js'
import type { SalesforceConfig } from './config.js'
import {
  accountRecordSchema,
  contractDate,
  opportunityRecordSchema,
  userRecordSchema,
} from './schemas.js'

export const SOURCE = 'salesforce'

const deletedAt = (r: { IsDeleted: boolean; SystemModstamp: string }) =>
  r.IsDeleted ? r.SystemModstamp : null

export function mapUser(raw: unknown): MappedRecord {
  const parsed = parseRecord(userRecordSchema, raw)
  if (!parsed.ok) return parsed
  const r = parsed.value
  return {
    ok: true,
    rows: [
      rowFor('crm_users', {
        source: SOURCE,
        source_id: r.Id,
        name: r.Name,
        email: r.Email ?? null,
        is_active: r.IsActive ?? true,
        source_updated_at: r.SystemModstamp,
        deleted_at: deletedAt(r),
      }),
    ],
  }
}

export function mapAccount(raw: unknown, config: SalesforceConfig): MappedRecord {
  const parsed = parseRecord(accountRecordSchema, raw)
  if (!parsed.ok) return parsed
  const r = parsed.value
  const fields = raw as Record<string, unknown>
  const externalIds = Object.fromEntries(
    Object.entries(config.identityFields).flatMap(([system, field]) => {
      const value = fields[field]
      return typeof value === 'string' && value.trim() ? [[system, value.trim()]] : []
    }),
  )
  return {
    ok: true,
    rows: [
      rowFor('accounts', {
        source: SOURCE,
        source_id: r.Id,
        name: r.Name,
        domain: domainFromWebsite(r.Website),
        industry: r.Industry ?? null,
        account_type: r.Type ?? null,
        employees: r.NumberOfEmployees ?? null,
        annual_revenue: r.AnnualRevenue ?? null,
        owner_source_id: r.OwnerId ?? null,
        last_activity_date: r.LastActivityDate ?? null,
        external_ids: JSON.stringify(externalIds),
        csm_health: config.csmHealthField ? csmHealthText(fields[config.csmHealthField]) : null,
        source_created_at: r.CreatedDate ?? null,
        source_updated_at: r.SystemModstamp,
        deleted_at: deletedAt(r),
      }),
    ],
  }
}

export function mapOpportunity(raw: unknown, config: SalesforceConfig): MappedRecord {
  const parsed = parseRecord(opportunityRecordSchema, raw)
  if (!parsed.ok) return parsed
  const r = parsed.value
  const fields = raw as Record<string, unknown>
  const { contractStartField, contractEndField } = config.opportunities
  const start = contractDate.safeParse(fields[contractStartField])
  const end = contractDate.safeParse(fields[contractEndField])
  if (!start.success || !end.success) {
    const field = start.success ? contractEndField : contractStartField
    return { ok: false, sourceId: r.Id, reason: `${field}: not a YYYY-MM-DD date` }
  }
  const { renewalTypes, expansionTypes } = config.opportunities
  const isRenewal = r.Type != null && renewalTypes.includes(r.Type)
  return {
    ok: true,
    rows: [
      rowFor('opportunities', {
        source: SOURCE,
        source_id: r.Id,
        account_source_id: r.AccountId ?? null,
        name: r.Name,
        opportunity_type: r.Type ?? null,
        is_renewal: isRenewal,
        is_expansion: !isRenewal && r.Type != null && expansionTypes.includes(r.Type),
        stage: r.StageName,
        amount: r.Amount ?? null,
        // Set from the stage (the sales process's default) unless someone overrode it.
        probability: r.Probability ?? null,
        close_date: r.CloseDate ?? null,
        is_closed: r.IsClosed,
        is_won: r.IsWon,
        contract_start: start.data ?? null,
        contract_end: end.data ?? null,
        owner_source_id: r.OwnerId ?? null,
        source_created_at: r.CreatedDate ?? null,
        source_updated_at: r.SystemModstamp,
        deleted_at: deletedAt(r),
      }),
    ],
  }
}
