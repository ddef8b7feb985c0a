import type { Generated } from 'kysely'
import type {
  ArrayWithDefault,
  Json,
  JsonWithDefault,
  NullableTimestamp,
  Timestamp,
} from './columns.js'

/** The account-like record of a non-CRM system (Zendesk organization, Stripe customer …). */
export interface SourceAccountsTable {
  source: string
  source_id: string
  name: string | null
  /** Normalized web domains. */
  domains: ArrayWithDefault<string>
  /** CRM account ids the record itself carries. */
  crm_account_ids: ArrayWithDefault<string>
  email: string | null
  source_created_at: Timestamp | null
  source_updated_at: Timestamp
  deleted_at: NullableTimestamp
  extra: JsonWithDefault<Record<string, unknown>>
  synced_at: Generated<Date>
}

export type LinkStatus = 'matched' | 'conflict' | 'unmatched'
export type LinkMethod = 'explicit_id' | 'domain' | 'name'

/** One piece of evidence: which key of the source record matched which CRM account. */
export interface LinkEvidence {
  key: LinkMethod
  value: string
  crmAccountId: string
  crmAccountName?: string
}

export interface AccountLinksTable {
  source: string
  source_id: string
  crm: string
  crm_account_id: string | null
  status: LinkStatus
  method: LinkMethod | null
  evidence: Json<LinkEvidence[]>
  resolved_at: Generated<Date>
}
