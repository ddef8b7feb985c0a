import { sql, type Kysely } from 'kysely'
import type { BillingSignals } from '../../model/signals.js'
import type { Database } from '../database.js'
import { linkedAccounts, linkedRecords } from './linked-accounts.js'

/**
 * Billing signals per CRM account on `asOf`: MRR and seats of its linked billing customers in
 * the month scored and three months before (billing_mrr_monthly), failed payments in the last
 * 90 days, and invoices open past their due date on that day (one paid since still counts when
 * the day is in the past, so a back-test sees what was overdue then).
 */
export async function billingSignals(
  db: Kysely<Database>,
  crm: string,
  sources: readonly string[],
  asOf: string,
  accountIds: readonly string[],
): Promise<Map<string, BillingSignals>> {
  const result = await sql<{
    crm_account_id: string
    mrr: string
    mrr_before: string
    seats: number | null
    seats_before: number | null
    failed_payments: string
    past_due: string
  }>`
    with linked as (${linkedRecords(crm, sources, accountIds)}),
    months as (
      select date_trunc('month', ${asOf}::date)::date as now_month,
        date_trunc('month', ${asOf}::date - interval '3 months')::date as before_month
    ),
    mrr as (
      select l.crm_account_id,
        sum(m.mrr) filter (where m.month = mo.now_month) as mrr,
        sum(m.mrr) filter (where m.month = mo.before_month) as mrr_before,
        sum(m.seats) filter (where m.month = mo.now_month) as seats,
        sum(m.seats) filter (where m.month = mo.before_month) as seats_before
      from linked l cross join months mo
      -- Per linked customer by index, not the whole MRR history once per page (OFFSET 0 keeps
      -- the planner from flattening it back into that join).
      cross join lateral (
        select m.month, m.mrr, m.seats from billing_mrr_monthly m
        where m.source = l.source and m.source_account_id = l.source_id
          and m.month in (mo.now_month, mo.before_month)
        offset 0
      ) m
      group by l.crm_account_id
    ),
    invoices as (
      select l.crm_account_id,
        count(*) filter (where i.source_created_at >= ${asOf}::date - 89
          and (i.attempt_count > 1 or i.status = 'uncollectible')) as failed_payments,
        count(*) filter (where coalesce(i.due_date, i.source_created_at + interval '30 days') < ${asOf}::date + 1
          and ((i.status = 'open' and i.amount_remaining > 0) or (i.status = 'paid' and i.paid_at >= ${asOf}::date + 1))) as past_due
      from linked l
      cross join lateral (
        select i.source_created_at, i.attempt_count, i.status, i.amount_remaining, i.due_date, i.paid_at
        from billing_invoices i
        where i.source = l.source and i.source_account_id = l.source_id
          and i.deleted_at is null and i.source_created_at < ${asOf}::date + 1
        offset 0
      ) i
      group by l.crm_account_id
    )
    select a.crm_account_id,
      coalesce(m.mrr, 0) as mrr, coalesce(m.mrr_before, 0) as mrr_before,
      m.seats, m.seats_before,
      coalesce(i.failed_payments, 0) as failed_payments, coalesce(i.past_due, 0) as past_due
    from (${linkedAccounts(crm, sources, accountIds)}) a
    left join mrr m on m.crm_account_id = a.crm_account_id
    left join invoices i on i.crm_account_id = a.crm_account_id
  `.execute(db)
  return new Map(
    result.rows.map((r) => [
      r.crm_account_id,
      {
        mrr: Number(r.mrr),
        mrrThreeMonthsAgo: Number(r.mrr_before),
        seats: r.seats === null ? null : Number(r.seats),
        seatsThreeMonthsAgo: r.seats_before === null ? null : Number(r.seats_before),
        failedPayments90d: Number(r.failed_payments),
        pastDueInvoices: Number(r.past_due),
      },
    ]),
  )
}
