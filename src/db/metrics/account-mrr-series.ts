import { sql, type RawBuilder } from 'kysely'

export interface SeriesRange {
  /** First and last month of the series, `YYYY-MM-01`. */
  from: string
  to: string
  /** Fill the months between a subscription's start and its first month on record. */
  estimateMissingHistory: boolean
}

/**
 * MRR at the end of every month of `range` per account, from the billing subscriptions of the
 * customers `customers` selects (columns account_key, source, source_id: a CRM account and its
 * linked billing customers). Rows: account_key, month, mrr, estimated, first_paid_month; an
 * account has a row for every month one of its subscriptions lived, through the month it
 * ended (0), and none while none did.
 *
 * A subscription's MRR in a month is its billing_mrr_monthly row. Without one:
 * - after it ended, 0 (one known only from invoices ends after its last row);
 * - after its first row, the latest row before: MRR is a subscription's state and holds until
 *   a change is observed (the current month has no row until Stripe is read again in it);
 * - before its first row, when estimating, the first paying row's MRR from the month it
 *   started paying (created, or its trial's end); else nothing.
 */
export function accountMrrSeries(
  customers: RawBuilder<unknown>,
  range: SeriesRange,
): RawBuilder<unknown> {
  const { from, to, estimateMissingHistory: estimate } = range
  return sql`
    with customers as (${customers}),
    known as (
      select c.account_key, m.source, m.subscription_source_id as subscription, m.month, m.mrr
      from customers c
      join billing_mrr_monthly m on m.source = c.source and m.source_account_id = c.source_id
      where m.month <= ${to}::date
    ),
    subscriptions as (
      select k.account_key, k.source, k.subscription,
        min(k.month) as first_known,
        max(k.month) as last_known,
        min(k.month) filter (where k.mrr > 0) as first_paid_known,
        (array_agg(k.mrr order by k.month) filter (where k.mrr > 0))[1] as first_paid_mrr
      from known k
      group by k.account_key, k.source, k.subscription
    ),
    lifetimes as (
      select s.*,
        date_trunc('month', greatest(b.source_created_at, b.trial_end) at time zone 'utc')::date
          as paying_from,
        case when b.source_id is null
          -- Known only from invoices: nothing says it lived past its last month on record.
          then (s.last_known + interval '1 month')::date
          else date_trunc('month', coalesce(b.ended_at,
            case when b.status = 'canceled' then coalesce(b.canceled_at, b.source_updated_at) end)
            at time zone 'utc')::date
        end as ended_month,
        (select sum((i ->> 'mrr')::numeric) from jsonb_array_elements(b.items) i) as items_mrr
      from subscriptions s
      left join billing_subscriptions b
        on b.source = s.source and b.source_id = s.subscription and b.deleted_at is null
    ),
    spans as (
      select l.account_key, l.source, l.subscription, l.first_known, l.ended_month,
        case when ${estimate}::boolean and l.paying_from < l.first_known
          then l.paying_from else l.first_known end as span_start,
        case when l.ended_month is not null then greatest(l.last_known, l.ended_month)
          else ${to}::date end as span_end,
        coalesce(l.first_paid_mrr, l.items_mrr, 0) as backfill_mrr,
        l.first_paid_known
      from lifetimes l
    ),
    grid as (
      select sp.account_key, sp.source, sp.subscription, sp.first_known, sp.ended_month,
        sp.backfill_mrr, g.month::date as month, k.mrr as known_mrr
      from spans sp
      cross join lateral generate_series(
        greatest(sp.span_start, ${from}::date)::timestamp,
        least(sp.span_end, ${to}::date)::timestamp,
        interval '1 month') g(month)
      left join known k on k.account_key = sp.account_key and k.source = sp.source
        and k.subscription = sp.subscription and k.month = g.month::date
    ),
    runs as (
      select g.*, count(g.known_mrr) over (
        partition by g.account_key, g.source, g.subscription order by g.month) as run
      from grid g
    ),
    seeds as (
      select distinct on (k.account_key, k.source, k.subscription)
        k.account_key, k.source, k.subscription, k.mrr
      from known k
      where k.month < ${from}::date
      order by k.account_key, k.source, k.subscription, k.month desc
    ),
    valued as (
      select r.account_key, r.month,
        case
          when r.known_mrr is not null then r.known_mrr
          when r.ended_month is not null and r.month >= r.ended_month then 0
          when r.month < r.first_known then r.backfill_mrr
          when r.run = 0 then coalesce(sd.mrr, 0)
          else first_value(r.known_mrr) over (
            partition by r.account_key, r.source, r.subscription, r.run order by r.month)
        end as mrr,
        r.known_mrr is null and r.month < r.first_known
          and (r.ended_month is null or r.month < r.ended_month) as estimated
      from runs r
      left join seeds sd on sd.account_key = r.account_key and sd.source = r.source
        and sd.subscription = r.subscription
    ),
    first_paid as (
      select sp.account_key,
        min(case when sp.span_start < sp.first_known and sp.backfill_mrr > 0
          then sp.span_start else sp.first_paid_known end) as first_paid_month
      from spans sp
      group by sp.account_key
    )
    select v.account_key, v.month, sum(v.mrr) as mrr,
      bool_or(v.estimated and v.mrr > 0) as estimated, fp.first_paid_month
    from valued v
    join first_paid fp on fp.account_key = v.account_key
    group by v.account_key, v.month, fp.first_paid_month`
}
