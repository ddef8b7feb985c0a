-- The write-back contract: nothing stale left in the CRM, bounded bookkeeping of what the CRM
-- refuses, dry runs, one org per connector, and hard deletes found by id reconciliation.

-- One row per record and field the CRM refused: how often, the first and last error. A refused
-- value is sent again only when it changes or once `retry_after` has passed.
create table write_rejections (
  connector text not null,
  object text not null,
  record_id text not null,
  field text not null,
  value jsonb not null,
  attempts integer not null default 1,
  first_error text not null,
  last_error text not null,
  first_at timestamptz not null default now(),
  last_at timestamptz not null default now(),
  retry_after timestamptz not null,
  last_run_id uuid,
  primary key (connector, object, record_id, field)
);

-- What a dry run would write: per record and field, what cs360 last wrote and what it would write.
create table write_previews (
  run_id uuid not null references sync_runs (id) on delete cascade,
  connector text not null,
  object text not null,
  record_id text not null,
  field text not null,
  old_value jsonb,
  new_value jsonb not null,
  primary key (run_id, connector, object, record_id, field)
);

-- The org, portal or account each connector's data came from: never two at once.
create table connector_accounts (
  connector text primary key,
  account_id text not null,
  account_name text,
  first_seen_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now()
);

-- When each stream's live ids were last compared with the source, and what that found.
create table live_id_checks (
  connector text not null,
  stream text not null,
  checked_at timestamptz not null default now(),
  source_count integer not null,
  stored_count integer not null,
  retired integer not null default 0,
  primary key (connector, stream)
);
