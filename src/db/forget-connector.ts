import type { Kysely } from 'kysely'
import type { Database } from './database.js'

/**
 * Removes everything the customer-360 holds from one connector: its records, cursors, links,
 * scores, written values and refusals, and which org they came from. `cs360 reset` runs it, so
 * a connector pointed at another org starts clean instead of mixing two.
 */
export async function forgetConnector(
  db: Kysely<Database>,
  connector: string,
): Promise<Record<string, number>> {
  return db.transaction().execute(async (trx) => {
    const removed: Record<string, number> = {}
    const bySource = [
      'crm_users',
      'accounts',
      'opportunities',
      'source_accounts',
      'support_tickets',
      'satisfaction_ratings',
      'billing_subscriptions',
      'billing_invoices',
      'billing_mrr_monthly',
      'usage_daily',
      'survey_responses',
      'account_scores',
      'account_score_history',
    ] as const
    for (const table of bySource) {
      const result = await trx.deleteFrom(table).where('source', '=', connector).executeTakeFirst()
      removed[table] = Number(result.numDeletedRows)
    }
    const links = await trx
      .deleteFrom('account_links')
      .where((eb) => eb.or([eb('source', '=', connector), eb('crm', '=', connector)]))
      .executeTakeFirst()
    removed.account_links = Number(links.numDeletedRows)
    // What cs360 derived for a CRM: its plays and retention metrics.
    for (const table of [
      'plays',
      'account_mrr_monthly',
      'retention_monthly',
      'renewal_forecast_quarterly',
      'satisfaction_monthly',
      'onboarding_monthly',
    ] as const) {
      const result = await trx.deleteFrom(table).where('crm', '=', connector).executeTakeFirst()
      removed[table] = Number(result.numDeletedRows)
    }
    for (const table of [
      'sync_cursors',
      'stream_fingerprints',
      'written_values',
      'write_rejections',
      'live_id_checks',
      'connector_accounts',
    ] as const) {
      const result = await trx
        .deleteFrom(table)
        .where('connector', '=', connector)
        .executeTakeFirst()
      removed[table] = Number(result.numDeletedRows)
    }
    return removed
  })
}
