import { sql, type Kysely } from 'kysely'
import type { PlayAccountFacts } from '../../model/plays/inputs.js'
import type { Database } from '../database.js'
import { linkedRecords } from '../signals/linked-accounts.js'

/**
 * What the play rules need beyond the signals, per CRM account on `asOf`, in one query: the
 * owner (the CSM), the start of the first won contract (Onboarding and Adoption run from it),
 * urgent tickets not solved on the day (003: "recent complaints unresolved") and a subscription
 * set to cancel (004's cancel signal). Ticket and cancel facts are null for an account with no
 * support desk or no billing linked.
 */
export async function playAccountFacts(
  db: Kysely<Database>,
  crm: string,
  sources: { support: readonly string[]; billing: readonly string[] },
  asOf: string,
  accountIds: readonly string[],
): Promise<Map<string, PlayAccountFacts>> {
  const ids = sql.val([...accountIds])
  const result = await sql<{
    account_id: string
    owner_id: string | null
    first_contract_start: string | null
    open_urgent: string | null
    cancel_scheduled: boolean | null
  }>`
    with day as (select ${asOf}::date + 1 as day_end),
    first_contracts as (
      select account_source_id as account_id, min(contract_start) as first_start
      from opportunities
      where source = ${crm} and deleted_at is null and is_won
        and contract_start <= ${asOf}::date and account_source_id = any (${ids}::text[])
      group by account_source_id
    ),
    -- Both read each linked record's tickets or subscriptions by index (a count per record),
    -- never the whole table once per page.
    urgent as (
      select l.crm_account_id, sum(t.open_urgent) as open_urgent
      from (${linkedRecords(crm, sources.support, accountIds)}) l cross join day d
      cross join lateral (
        select count(*) as open_urgent from support_tickets t
        where t.source = l.source and t.source_account_id = l.source_id
          and t.deleted_at is null and t.priority = 'urgent' and t.source_created_at < d.day_end
          and (t.solved_at is null or t.solved_at >= d.day_end)
      ) t
      group by l.crm_account_id
    ),
    cancels as (
      select l.crm_account_id, bool_or(s.scheduled) as cancel_scheduled
      from (${linkedRecords(crm, sources.billing, accountIds)}) l cross join day d
      cross join lateral (
        select exists (
          select 1 from billing_subscriptions s
          where s.source = l.source and s.source_account_id = l.source_id
            and s.deleted_at is null and (s.cancel_at_period_end or s.cancel_at is not null)
            and (s.canceled_at is null or s.canceled_at < d.day_end)
            and (s.ended_at is null or s.ended_at >= d.day_end)) as scheduled
      ) s
      group by l.crm_account_id
    )
    select i.account_id, a.owner_source_id as owner_id,
      to_char(f.first_start, 'YYYY-MM-DD') as first_contract_start,
      u.open_urgent, c.cancel_scheduled
    from unnest(${ids}::text[]) as i(account_id)
    left join accounts a on a.source = ${crm} and a.source_id = i.account_id
    left join first_contracts f on f.account_id = i.account_id
    left join urgent u on u.crm_account_id = i.account_id
    left join cancels c on c.crm_account_id = i.account_id
  `.execute(db)
  return new Map(
    result.rows.map((r) => [
      r.account_id,
      {
        ownerId: r.owner_id,
        firstContractStart: r.first_contract_start,
        openUrgentTickets: r.open_urgent === null ? null : Number(r.open_urgent),
        cancelScheduled: r.cancel_scheduled,
      },
    ]),
  )
}
