import { sql, type Kysely } from 'kysely'
import type { SupportSignals } from '../../model/signals.js'
import type { Database } from '../database.js'
import { linkedAccounts, linkedRecords } from './linked-accounts.js'

/**
 * Support signals per CRM account on `asOf`, over the tickets and CSAT answers of its linked
 * support organizations. Windows end with the day scored, so a back-dated run sees what a CSM
 * saw that day. A rating reaches its organization directly or through its ticket.
 */
export async function supportSignals(
  db: Kysely<Database>,
  crm: string,
  sources: readonly string[],
  asOf: string,
  accountIds: readonly string[],
): Promise<Map<string, SupportSignals>> {
  const result = await sql<{
    crm_account_id: string
    tickets_30d: string
    tickets_prior_30d: string
    urgent_30d: string
    open_tickets: string
    median_resolution_hours: number | null
    csat_good: string
    csat_bad: string
  }>`
    with linked as (${linkedRecords(crm, sources, accountIds)}),
    day as (select ${asOf}::date + 1 as day_end),
    tickets as (
      select l.crm_account_id,
        count(*) filter (where t.source_created_at >= d.day_end - 30 and t.source_created_at < d.day_end) as tickets_30d,
        count(*) filter (where t.source_created_at >= d.day_end - 60 and t.source_created_at < d.day_end - 30) as tickets_prior_30d,
        count(*) filter (where t.priority = 'urgent' and t.source_created_at >= d.day_end - 30 and t.source_created_at < d.day_end) as urgent_30d,
        count(*) filter (where t.source_created_at < d.day_end and (t.solved_at is null or t.solved_at >= d.day_end)) as open_tickets,
        percentile_cont(0.5) within group (order by extract(epoch from t.solved_at - t.source_created_at) / 3600)
          filter (where t.solved_at >= d.day_end - 90 and t.solved_at < d.day_end) as median_resolution_hours
      from linked l cross join day d
      -- Each linked organization's tickets by index, not every ticket once per page; OFFSET 0
      -- keeps the planner from flattening the read back into a join over the whole table.
      cross join lateral (
        select t.source_created_at, t.solved_at, t.priority
        from support_tickets t
        where t.source = l.source and t.source_account_id = l.source_id and t.deleted_at is null
        offset 0
      ) t
      group by l.crm_account_id
    ),
    ratings as (
      -- A rating names its organization, or else reaches it through its ticket: both read per
      -- linked organization by index (ratings by organization, tickets by organization, ratings
      -- by ticket), so a page never scans every rating.
      select l.crm_account_id,
        count(*) filter (where r.score = 'good') as csat_good,
        count(*) filter (where r.score = 'bad') as csat_bad
      from linked l cross join day d
      cross join lateral (
        select r.score, r.source_created_at from satisfaction_ratings r
        where r.source = l.source and r.source_account_id = l.source_id and r.deleted_at is null
        union all
        select r.score, r.source_created_at from support_tickets t
        join satisfaction_ratings r on r.source = t.source and r.ticket_source_id = t.source_id
        where t.source = l.source and t.source_account_id = l.source_id
          and r.source_account_id is null and r.deleted_at is null
        offset 0
      ) r
      where r.source_created_at >= d.day_end - 90 and r.source_created_at < d.day_end
      group by l.crm_account_id
    )
    select a.crm_account_id,
      coalesce(t.tickets_30d, 0) as tickets_30d, coalesce(t.tickets_prior_30d, 0) as tickets_prior_30d,
      coalesce(t.urgent_30d, 0) as urgent_30d, coalesce(t.open_tickets, 0) as open_tickets,
      t.median_resolution_hours,
      coalesce(r.csat_good, 0) as csat_good, coalesce(r.csat_bad, 0) as csat_bad
    from (${linkedAccounts(crm, sources, accountIds)}) a
    left join tickets t on t.crm_account_id = a.crm_account_id
    left join ratings r on r.crm_account_id = a.crm_account_id
  `.execute(db)
  return new Map(
    result.rows.map((r) => [
      r.crm_account_id,
      {
        tickets30d: Number(r.tickets_30d),
        ticketsPrior30d: Number(r.tickets_prior_30d),
        urgentTickets30d: Number(r.urgent_30d),
        openTickets: Number(r.open_tickets),
        medianResolutionHours90d:
          r.median_resolution_hours === null ? null : Number(r.median_resolution_hours),
        csatGood90d: Number(r.csat_good),
        csatBad90d: Number(r.csat_bad),
      },
    ]),
  )
}
