import { sql, type RawBuilder } from 'kysely'
import type { RenewalForecastSettings } from '../../model/retention/forecast-settings.js'

/**
 * The CRM's open expansion opportunities, as SQL rows (account_id, amount, close_date,
 * probability): of an expansion kind (`is_expansion`, set by the connector) and no renewal, not
 * closed, not deleted, with an amount. `probability` (0–1) is the CRM's where it holds one, else
 * the one configured for the stage name, else null: the stage is unknown. The set-based form of
 * expansionWeight in src/model/expansion/weighting.ts.
 */
export function openExpansionSql(
  crm: string,
  stages: RenewalForecastSettings['expansionStages'],
): RawBuilder<unknown> {
  // Matched without regard to case; of two names differing only in case the first listed wins.
  const byName = new Map<string, number>()
  for (const [name, probability] of Object.entries(stages))
    if (!byName.has(name.toLowerCase())) byName.set(name.toLowerCase(), probability)
  return sql`
    select o.account_source_id as account_id, o.amount, o.close_date,
      coalesce(o.probability / 100, st.probability) as probability
    from opportunities o
    left join unnest(${sql.val([...byName.keys()])}::text[],
      ${sql.val([...byName.values()])}::numeric[]) st(stage, probability)
      on st.stage = lower(o.stage)
    where o.source = ${crm} and o.deleted_at is null and o.is_expansion and not o.is_renewal
      and not o.is_closed and o.amount is not null and o.account_source_id is not null`
}
