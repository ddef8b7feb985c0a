-- One health score per account per day, with the config that produced it: the trend against
-- 30 days earlier, back-tests and "was it the model or the customer that changed" all read it.
create table account_score_history (
  source text not null,
  source_id text not null,
  day date not null,
  health_score numeric(5, 1) not null,
  health_band text not null,
  model_version text not null,
  config_version text not null,
  computed_at timestamptz not null default now(),
  primary key (source, source_id, day)
);

-- What the CRM shows beside the score: its trend, the coverage tier, the lifecycle stage, and
-- which configuration produced it.
alter table account_scores
  add column health_trend_30d numeric(5, 1),
  add column segment_tier text,
  add column lifecycle_stage text,
  add column config_version text;
