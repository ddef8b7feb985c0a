import { sql, type Kysely } from 'kysely'
import { USAGE_LOOKBACK_DAYS, type UsageSignals } from '../../model/signals.js'
import type { Database } from '../database.js'
import { linkedAccounts, linkedRecords } from './linked-accounts.js'

/**
 * Usage signals per CRM account on `asOf` from usage_daily of its linked analytics accounts:
 * distinct users over 30-day windows (MAU) from the per-day user id sets, average daily users,
 * sessions, events and distinct features. An account linked to analytics but silent for 60 days
 * gets zeros: no usage is a signal, not missing data.
 */
export async function usageSignals(
  db: Kysely<Database>,
  crm: string,
  sources: readonly string[],
  asOf: string,
  accountIds: readonly string[],
): Promise<Map<string, UsageSignals>> {
  const result = await sql<{
    crm_account_id: string
    mau: string | null
    mau_prior: string | null
    user_days: string | null
    active_days: string | null
    sessions: string | null
    events: string | null
    events_prior: string | null
    features: string | null
    last_active: string | null
  }>`
    with linked as (${linkedRecords(crm, sources, accountIds)}),
    days as (
      select l.crm_account_id, u.day, u.events, u.user_ids, u.session_ids, u.event_types,
        u.day > ${asOf}::date - 30 as recent
      from linked l
      -- One primary-key range scan per linked record: the page's accounts' window, never the
      -- year of every account (a hash join scans all of usage_daily once per page). OFFSET 0
      -- keeps the planner from flattening the lateral read back into that join.
      cross join lateral (
        select u.day, u.events, u.user_ids, u.session_ids, u.event_types
        from usage_daily u
        where u.source = l.source and u.source_account_id = l.source_id
          and u.day > ${asOf}::date - ${USAGE_LOOKBACK_DAYS}::int and u.day <= ${asOf}::date
        offset 0
      ) u
    ),
    totals as (
      select crm_account_id,
        count(distinct day) filter (where recent and events > 0) as active_days,
        sum(cardinality(session_ids)) filter (where recent) as sessions,
        sum(events) filter (where recent) as events,
        sum(events) filter (where not recent) as events_prior,
        max(day) filter (where events > 0) as last_active
      from days group by crm_account_id
    ),
    daily_users as (
      select crm_account_id, day, count(distinct uid) as users
      from days cross join lateral unnest(user_ids) as uid
      where recent group by crm_account_id, day
    ),
    user_days as (
      select crm_account_id, sum(users) as user_days from daily_users group by crm_account_id
    ),
    users as (
      select crm_account_id,
        count(distinct uid) filter (where recent) as mau,
        count(distinct uid) filter (where not recent) as mau_prior
      from days cross join lateral unnest(user_ids) as uid
      group by crm_account_id
    ),
    features as (
      select crm_account_id, count(distinct t) as features
      from days cross join lateral unnest(event_types) as t
      where recent group by crm_account_id
    )
    select a.crm_account_id, u.mau, u.mau_prior, d.user_days, t.active_days, t.sessions,
      t.events, t.events_prior, f.features, to_char(t.last_active, 'YYYY-MM-DD') as last_active
    from (${linkedAccounts(crm, sources, accountIds)}) a
    left join totals t on t.crm_account_id = a.crm_account_id
    left join users u on u.crm_account_id = a.crm_account_id
    left join features f on f.crm_account_id = a.crm_account_id
    left join user_days d on d.crm_account_id = a.crm_account_id
  `.execute(db)
  const asOfMs = Date.parse(`${asOf}T00:00:00Z`)
  const n = (v: string | null) => (v === null ? 0 : Number(v))
  return new Map(
    result.rows.map((r) => [
      r.crm_account_id,
      {
        activeUsers30d: n(r.mau),
        activeUsersPrior30d: n(r.mau_prior),
        averageDailyUsers30d: n(r.user_days) / 30,
        activeDays30d: n(r.active_days),
        sessions30d: n(r.sessions),
        events30d: n(r.events),
        eventsPrior30d: n(r.events_prior),
        featuresUsed30d: n(r.features),
        daysSinceLastActive:
          r.last_active === null
            ? null
            : Math.round((asOfMs - Date.parse(`${r.last_active}T00:00:00Z`)) / 86_400_000),
      },
    ]),
  )
}
