-- Retention metrics a dashboard reads: MRR per CRM account and month with its movement, and
-- NRR, GRR and logo retention per month, segment and CSM (004's definitions, docs/metrics.md).
-- Both are derived from billing_mrr_monthly and the identity links, and recomputed whole for a
-- CRM by each refresh.

create table account_mrr_monthly (
  crm text not null,
  crm_account_id text not null,
  month date not null,
  mrr numeric(18, 2) not null,
  previous_mrr numeric(18, 2) not null,
  change_mrr numeric(18, 2) not null,
  movement text not null
    check (movement in ('new', 'reactivation', 'expansion', 'contraction', 'churn', 'retained')),
  -- A subscription's MRR in this month is taken from its first month on record (its billing
  -- history begins later than the subscription).
  estimated boolean not null default false,
  first_paid_month date,
  segment text not null,
  owner_source_id text,
  computed_at timestamptz not null default now(),
  primary key (crm, crm_account_id, month)
);
create index account_mrr_monthly_month_idx on account_mrr_monthly (crm, month);

-- One row per month, window (1 month or the trailing months), segment and CSM; 'all' in
-- segment or csm_source_id is the roll-up over that dimension, 'none' the accounts nobody owns.
create table retention_monthly (
  crm text not null,
  month date not null,
  window_months integer not null,
  segment text not null,
  csm_source_id text not null,
  starting_mrr numeric(18, 2) not null,
  expansion_mrr numeric(18, 2) not null,
  contraction_mrr numeric(18, 2) not null,
  churned_mrr numeric(18, 2) not null,
  new_mrr numeric(18, 2) not null,
  reactivation_mrr numeric(18, 2) not null,
  ending_mrr numeric(18, 2) not null,
  estimated_starting_mrr numeric(18, 2) not null,
  starting_logos integer not null,
  retained_logos integer not null,
  churned_logos integer not null,
  new_logos integer not null,
  reactivated_logos integer not null,
  nrr numeric(9, 2),
  grr numeric(9, 2),
  logo_retention numeric(9, 2),
  computed_at timestamptz not null default now(),
  primary key (crm, month, window_months, segment, csm_source_id)
);

-- The renewal forecast per calendar quarter, segment and CSM: renewals due (account_scores'
-- ARR and next renewal date) weighted by the probability of their health score, the ARR at
-- risk, and open expansion opportunities weighted by stage. Recomputed whole for a CRM.
create table renewal_forecast_quarterly (
  crm text not null,
  quarter date not null,
  segment text not null,
  csm_source_id text not null,
  renewals integer not null,
  renewal_arr numeric(18, 2) not null,
  forecast_arr numeric(18, 2) not null,
  at_risk_renewals integer not null,
  at_risk_arr numeric(18, 2) not null,
  expansion_opportunities integer not null,
  expansion_pipeline numeric(18, 2) not null,
  weighted_expansion numeric(18, 2) not null,
  computed_at timestamptz not null default now(),
  primary key (crm, quarter, segment, csm_source_id)
);
