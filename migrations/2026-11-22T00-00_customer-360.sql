-- Customer-360 first cut: the CRM's accounts, owners and opportunities, the scores cs360
-- computes, and the bookkeeping that makes syncs resumable (cursors), auditable (runs,
-- quarantine) and write-back incremental (written_values).
-- Rows are keyed by (source, source_id): the connector id and the record's id in that system,
-- so a second CRM or a re-import never collides.

create table crm_users (
  source text not null,
  source_id text not null,
  name text not null,
  email text,
  is_active boolean not null default true,
  source_updated_at timestamptz not null,
  deleted_at timestamptz,
  synced_at timestamptz not null default now(),
  primary key (source, source_id)
);

create table accounts (
  source text not null,
  source_id text not null,
  name text not null,
  domain text,
  industry text,
  account_type text,
  employees integer,
  annual_revenue numeric(18, 2),
  owner_source_id text,
  last_activity_date date,
  source_created_at timestamptz,
  source_updated_at timestamptz not null,
  deleted_at timestamptz,
  synced_at timestamptz not null default now(),
  primary key (source, source_id)
);
create index accounts_domain_idx on accounts (domain) where deleted_at is null;

create table opportunities (
  source text not null,
  source_id text not null,
  account_source_id text,
  name text not null,
  opportunity_type text,
  -- Set by the connector from its config (Salesforce: opportunities.renewalTypes).
  is_renewal boolean not null default false,
  stage text not null,
  amount numeric(18, 2),
  probability numeric(5, 2),
  close_date date,
  is_closed boolean not null,
  is_won boolean not null,
  contract_start date,
  contract_end date,
  owner_source_id text,
  source_created_at timestamptz,
  source_updated_at timestamptz not null,
  deleted_at timestamptz,
  synced_at timestamptz not null default now(),
  primary key (source, source_id)
);
create index opportunities_account_idx on opportunities (source, account_source_id);

-- Where each stream's incremental read stands: saved with every page, in the page's transaction.
create table sync_cursors (
  connector text not null,
  stream text not null,
  checkpoint jsonb not null,
  updated_at timestamptz not null default now(),
  primary key (connector, stream)
);

create table sync_runs (
  id uuid primary key,
  workflow_id text not null,
  trigger text not null,
  status text not null check (status in ('running', 'succeeded', 'failed')),
  started_at timestamptz not null default now(),
  finished_at timestamptz,
  error text
);

-- One row per step of a run (extract of a stream, compute, write-back) with its counts.
create table sync_run_steps (
  run_id uuid not null references sync_runs (id) on delete cascade,
  step text not null,
  records_read integer not null default 0,
  records_upserted integer not null default 0,
  records_deleted integer not null default 0,
  records_quarantined integer not null default 0,
  records_written integer not null default 0,
  api_calls integer not null default 0,
  started_at timestamptz not null default now(),
  finished_at timestamptz,
  primary key (run_id, step)
);

-- Records that could not be mapped or written, kept whole with the reason so nothing is lost.
create table quarantined_records (
  id bigserial primary key,
  run_id uuid references sync_runs (id) on delete set null,
  connector text not null,
  stream text not null,
  source_id text,
  reason text not null,
  record jsonb,
  created_at timestamptz not null default now()
);
create index quarantined_records_run_idx on quarantined_records (run_id);

-- What cs360 computed for each CRM account.
create table account_scores (
  source text not null,
  source_id text not null,
  arr numeric(18, 2) not null,
  next_renewal_date date,
  health_score numeric(5, 1) not null,
  health_band text not null,
  health_components jsonb not null,
  model_version text not null,
  computed_at timestamptz not null,
  run_id uuid,
  primary key (source, source_id)
);

-- The last value cs360 successfully wrote into each CRM field: write-back sends only differences.
create table written_values (
  connector text not null,
  object text not null,
  record_id text not null,
  field text not null,
  value jsonb not null,
  written_at timestamptz not null default now(),
  run_id uuid,
  primary key (connector, object, record_id, field)
);
