-- Survey answers (NPS, CSAT, CES) as a source lands them: one row per answer and source account
-- it names. Amplitude's in-app survey events land here (docs/connectors/amplitude.md); a re-read
-- event replaces its own row, so answers are never counted twice.
create table survey_responses (
  source text not null,
  -- The answer's id at the source (Amplitude: the event's uuid, else its $insert_id).
  source_id text not null,
  -- The account key the source's usage uses (Amplitude: the group or user property value).
  source_account_id text not null,
  -- Who answered (a user id, else a device id): an account's NPS counts each respondent once.
  respondent_id text not null,
  kind text not null check (kind in ('nps', 'csat', 'ces')),
  score integer not null,
  -- Which survey asked (the event type).
  survey text not null,
  answered_at timestamptz not null,
  synced_at timestamptz not null default now(),
  primary key (source, source_id, source_account_id)
);
create index survey_responses_account_idx
  on survey_responses (source, source_account_id, kind, answered_at);

-- The account's NPS beside its score, for dashboards and the advocacy play: from its
-- respondents' latest answers in the NPS window (null: no answers in it).
alter table account_scores
  add column nps numeric(6, 1),
  add column nps_responses integer;

-- Satisfaction per month (answers given in it), segment and CSM: NPS and CES from survey
-- answers, CSAT from survey answers and, apart, from support ratings (Zendesk good/bad). 'all'
-- rolls a dimension up, 'none' is the accounts nobody owns (as retention_monthly).
create table satisfaction_monthly (
  crm text not null,
  month date not null,
  segment text not null,
  csm_source_id text not null,
  nps_responses integer not null,
  promoters integer not null,
  passives integer not null,
  detractors integer not null,
  nps numeric(6, 1),
  csat_responses integer not null,
  csat_satisfied integer not null,
  csat numeric(6, 2),
  support_csat_responses integer not null,
  support_csat_good integer not null,
  support_csat numeric(6, 2),
  ces_responses integer not null,
  ces numeric(5, 2),
  computed_at timestamptz not null default now(),
  primary key (crm, month, segment, csm_source_id)
);

-- Onboarding per cohort month (the month the account's first contract started), segment and
-- CSM: how many reached first value (the activation criterion) within the onboarding window,
-- and how long it took them.
create table onboarding_monthly (
  crm text not null,
  month date not null,
  segment text not null,
  csm_source_id text not null,
  -- Accounts whose first contract started in the month and whose usage history covers it.
  started integer not null,
  -- Of those, reached first value within the onboarding window.
  completed integer not null,
  -- Still inside the window without first value: neither completed nor failed yet.
  in_progress integer not null,
  -- completed / (started − in_progress) × 100.
  completion_rate numeric(6, 2),
  -- Days from the contract start to first value, over the accounts that reached it (ever).
  reached_first_value integer not null,
  median_days_to_first_value numeric(8, 1),
  average_days_to_first_value numeric(8, 1),
  computed_at timestamptz not null default now(),
  primary key (crm, month, segment, csm_source_id)
);
