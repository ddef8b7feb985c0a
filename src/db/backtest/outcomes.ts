import { sql, type Kysely } from 'kysely'
import type { Outcome } from '../../model/backtest/outcomes.js'
import type { Database } from '../database.js'

export interface AccountOutcome {
  arr: number
  outcome: Outcome
  renewalDue: boolean
  renewedArr: number | null
}

/**
 * What became of every customer account of `crm` on `asOf` by `until`, from the CRM's closed-won
 * contracts (the system of record for what a customer pays for):
 * - churned: no contract running on `until` (unless a renewal is still open: pending);
 * - contracted / retained / expanded: ARR running on `until` below, equal to or above `asOf`'s;
 * - a renewal was due when the term running on `asOf` ended before `until`; what renewed is the ARR
 *   running the day after it ended.
 */
export async function accountOutcomes(
  db: Kysely<Database>,
  crm: string,
  asOf: string,
  until: string,
): Promise<Map<string, AccountOutcome>> {
  const result = await sql<{
    account_id: string
    arr_then: string
    arr_end: string
    renewal_due: boolean
    renewed_arr: string | null
    renewal_open: boolean
  }>`
    with contracts as (
      select account_source_id, amount, contract_start, contract_end
      from opportunities
      where source = ${crm} and deleted_at is null and is_won and amount is not null
    ),
    per_account as (
      select account_source_id,
        sum(amount) filter (where contract_start <= ${asOf}::date and contract_end >= ${asOf}::date) as arr_then,
        min(contract_end) filter (where contract_start <= ${asOf}::date and contract_end >= ${asOf}::date) as term_end,
        coalesce(sum(amount) filter (where contract_start <= ${until}::date and contract_end >= ${until}::date), 0) as arr_end
      from contracts
      group by account_source_id
    ),
    renewed as (
      select p.account_source_id, coalesce(sum(c.amount), 0) as renewed_arr
      from per_account p
      left join contracts c on c.account_source_id = p.account_source_id
        and c.contract_start <= p.term_end + 1 and c.contract_end >= p.term_end + 1
      where p.term_end < ${until}::date
      group by p.account_source_id
    ),
    open_renewals as (
      select distinct account_source_id
      from opportunities
      where source = ${crm} and deleted_at is null and is_renewal and not is_closed
    )
    select p.account_source_id as account_id, p.arr_then, p.arr_end,
      p.term_end < ${until}::date as renewal_due, r.renewed_arr,
      o.account_source_id is not null as renewal_open
    from per_account p
    join accounts a on a.source = ${crm} and a.source_id = p.account_source_id and a.deleted_at is null
    left join renewed r on r.account_source_id = p.account_source_id
    left join open_renewals o on o.account_source_id = p.account_source_id
    where p.arr_then > 0
  `.execute(db)
  return new Map(
    result.rows.map((r) => {
      const [then, end] = [Number(r.arr_then), Number(r.arr_end)]
      const renewedArr = r.renewed_arr === null ? null : Number(r.renewed_arr)
      const outcome: Outcome =
        end === 0
          ? r.renewal_open
            ? 'pending'
            : 'churned'
          : end < then
            ? 'contracted'
            : end > then
              ? 'expanded'
              : 'retained'
      return [
        r.account_id,
        { arr: then, outcome, renewalDue: r.renewal_due, renewedArr },
      ] satisfies [string, AccountOutcome]
    }),
  )
}
