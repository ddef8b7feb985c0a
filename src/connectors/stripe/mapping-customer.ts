import { rowFor } from '../../db/load-target.js'
import { FREE_MAIL_DOMAINS } from '../../model/identity-settings.js'
import { domainFromWebsite } from '../domain.js'
import type { MappedRecord } from '../types.js'
import type { StripeConfig } from './config.js'
import { extraFields, iso, parseRecord } from './parse.js'
import { customerSchema } from './schemas.js'
import { SOURCE } from './source.js'

const FREE_MAIL = new Set<string>(FREE_MAIL_DOMAINS)
const MODELED = ['id', 'object', 'created', 'name', 'email', 'deleted'] as const

/** When the record was true (a list read's time or the event's) and whether it was deleted then. */
export interface Observed {
  at: number
  deleted?: boolean
}

/**
 * A Stripe customer as a source account: linked to its CRM account by the configured metadata
 * keys (the CRM id; the domain), plus the billing e-mail's domain unless it is a mailbox
 * provider's (jane@gmail.com says nothing about her company).
 */
export function mapCustomer(
  raw: unknown,
  config: StripeConfig,
  observed: Observed,
  at = '',
): MappedRecord {
  const parsed = parseRecord(customerSchema, raw, at)
  if (!parsed.ok) return parsed
  const c = parsed.value
  const metadata = c.metadata ?? {}
  const { crmAccountIdMetadataKey, domainMetadataKey } = config.identity
  const emailDomain = domainFromWebsite(c.email?.includes('@') ? c.email : null)
  const domains = [domainFromWebsite(metadata[domainMetadataKey]), emailDomain].filter(
    (d): d is string => d !== null && !FREE_MAIL.has(d),
  )
  const crmId = metadata[crmAccountIdMetadataKey]?.trim()
  return {
    ok: true,
    rows: [
      rowFor('source_accounts', {
        source: SOURCE,
        source_id: c.id,
        name: c.name ?? null,
        domains: [...new Set(domains)],
        crm_account_ids: crmId ? [crmId] : [],
        email: c.email ?? null,
        source_created_at: iso(c.created),
        source_updated_at: iso(observed.at),
        deleted_at: observed.deleted ? iso(observed.at) : null,
        extra: extraFields(c, MODELED),
      }),
    ],
  }
}
