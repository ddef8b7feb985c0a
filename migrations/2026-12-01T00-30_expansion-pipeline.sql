-- The expansion pipeline (issue 7): customers' open opportunities of the kinds that grow an
-- account, weighted by the win probability of their stage, per account and per quarter of
-- expected close × segment × CSM.

-- Set by the connector from its config (Salesforce: opportunities.expansionTypes; HubSpot:
-- deals.expansionTypes and deals.expansionPipelines), like is_renewal. Rows landed before this
-- migration are marked with those settings' defaults; a connector configured otherwise marks
-- each record again as it reads it.
alter table opportunities add column is_expansion boolean not null default false;
update opportunities set is_expansion = true
where not is_renewal
  and ((source = 'salesforce'
        and opportunity_type in ('Upsell', 'Expansion', 'Cross-sell', 'Add-on'))
    or (source = 'hubspot' and opportunity_type = 'existingbusiness'));

-- One row per customer (a scored account) with an open expansion opportunity, whatever its
-- close date. Weighted ARR sums only opportunities whose stage has a known probability; those
-- without one are in pipeline_arr and counted apart as stage unknown. Recomputed whole for a CRM.
create table account_expansion_pipeline (
  crm text not null,
  account_id text not null,
  opportunities integer not null,
  pipeline_arr numeric(18, 2) not null,
  weighted_arr numeric(18, 2) not null,
  stage_unknown_opportunities integer not null,
  stage_unknown_arr numeric(18, 2) not null,
  next_close_date date,
  computed_at timestamptz not null default now(),
  primary key (crm, account_id)
);

-- The quarterly pipeline beside the renewal forecast: what of expansion_pipeline has no known
-- stage probability (and so is not in weighted_expansion).
alter table renewal_forecast_quarterly
  add column expansion_stage_unknown integer not null default 0,
  add column expansion_stage_unknown_arr numeric(18, 2) not null default 0;
