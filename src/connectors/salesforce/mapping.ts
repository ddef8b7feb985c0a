import type { z } from 'zod'
import type { AccountRow, CrmUserRow, OpportunityRow } from '../../db/database.js'
import type { MappedRecord } from '../types.js'
import { domainFromWebsite } from '../domain.js'
import type { SalesforceConfig } from './config.js'
import {
  accountRecordSchema,
  contractDate,
  opportunityRecordSchema,
  userRecordSchema,
} from './schemas.js'

export const SOURCE = 'salesforce'

function parse<S extends z.ZodType>(schema: S, raw: unknown): MappedRecord<z.infer<S>> {
  const result = schema.safeParse(raw)
  if (result.success) return { ok: true, row: result.data }
  const id = (raw as { Id?: unknown } | null)?.Id
  const reason = result.error.issues
    .map((i) => `${i.path.join('.') || 'record'}: ${i.message}`)
    .join('; ')
  return { ok: false, sourceId: typeof id === 'string' ? id : null, reason }
}

const deletedAt = (r: { IsDeleted: boolean; SystemModstamp: string }) =>
  r.IsDeleted ? r.SystemModstamp : null

export function mapUser(raw: unknown): MappedRecord<CrmUserRow> {
  const parsed = parse(userRecordSchema, raw)
  if (!parsed.ok) return parsed
  const r = parsed.row
  return {
    ok: true,
    row: {
      source: SOURCE,
      source_id: r.Id,
      name: r.Name,
      email: r.Email ?? null,
      is_active: r.IsActive ?? true,
      source_updated_at: r.SystemModstamp,
      deleted_at: deletedAt(r),
    },
  }
}

export function mapAccount(raw: unknown): MappedRecord<AccountRow> {
  const parsed = parse(accountRecordSchema, raw)
  if (!parsed.ok) return parsed
  const r = parsed.row
  return {
    ok: true,
    row: {
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
      source_created_at: r.CreatedDate ?? null,
      source_updated_at: r.SystemModstamp,
      deleted_at: deletedAt(r),
    },
  }
}

export function mapOpportunity(
  raw: unknown,
  config: SalesforceConfig,
): MappedRecord<OpportunityRow> {
  const parsed = parse(opportunityRecordSchema, raw)
  if (!parsed.ok) return parsed
  const r = parsed.row
  const fields = raw as Record<string, unknown>
  const { contractStartField, contractEndField } = config.opportunities
  const start = contractDate.safeParse(fields[contractStartField])
  const end = contractDate.safeParse(fields[contractEndField])
  if (!start.success || !end.success) {
    const field = start.success ? contractEndField : contractStartField
    return { ok: false, sourceId: r.Id, reason: `${field}: not a YYYY-MM-DD date` }
  }
  return {
    ok: true,
    row: {
      source: SOURCE,
      source_id: r.Id,
      account_source_id: r.AccountId ?? null,
      name: r.Name,
      opportunity_type: r.Type ?? null,
      is_renewal: r.Type != null && config.opportunities.renewalTypes.includes(r.Type),
      stage: r.StageName,
      amount: r.Amount ?? null,
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
    },
  }
}
