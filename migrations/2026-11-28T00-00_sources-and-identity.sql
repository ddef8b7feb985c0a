-- Support, billing and product usage in the customer-360, and the identity links that resolve
-- every source record to one CRM account. Tables hold a kind of data, not a vendor: a second
-- support desk maps into support_tickets with its own `source`, and the signals work unchanged.
-- Every row keeps the fields cs360 does not model in `extra` (jsonb), so nothing is lost when
-- an API adds fields.

-- The CRM's own pointers to other systems (a Salesforce field holding the Stripe customer id …),
-- read from the fields named in the connector's config: system id → record id there.
alter table accounts add column external_ids jsonb not null default '{}'::jsonb;

-- The account-like record of a non-CRM system: a Zendesk organization, a Stripe customer, an
-- Amplitude group. Identity resolution links each to at most one CRM account.
create table source_accounts (
  source text not null,
  source_id text not null,
  name text,
  -- Normalized web domains (scheme, www., case, path and port stripped).
  domains text[] not null default '{}',
  -- CRM account ids the record itself carries (Zendesk external_id, Stripe metadata …).
  crm_account_ids text[] not null default '{}',
  email text,
  source_created_at timestamptz,
  source_updated_at timestamptz not null,
  deleted_at timestamptz,
  extra jsonb not null default '{}'::jsonb,
  synced_at timestamptz not null default now(),
  primary key (source, source_id)
);
create index source_accounts_domains_idx on source_accounts using gin (domains);

-- Which CRM account each source record belongs to, and why; conflicts and unmatched records are
-- kept with their evidence and never used as links.
create table account_links (
  source text not null,
  source_id text not null,
  crm text not null,
  crm_account_id text,
  status text not null check (status in ('matched', 'conflict', 'unmatched')),
  method text check (method in ('explicit_id', 'domain', 'name')),
  evidence jsonb not null default '[]'::jsonb,
  resolved_at timestamptz not null default now(),
  primary key (source, source_id, crm)
);
create index account_links_account_idx on account_links (crm, crm_account_id) where status = 'matched';

create table support_tickets (
  source text not null,
  source_id text not null,
  source_account_id text,
  requester_id text,
  subject text,
  status text not null,
  priority text,
  ticket_type text,
  tags text[] not null default '{}',
  source_created_at timestamptz not null,
  solved_at timestamptz,
  source_updated_at timestamptz not null,
  deleted_at timestamptz,
  extra jsonb not null default '{}'::jsonb,
  synced_at timestamptz not null default now(),
  primary key (source, source_id)
);
create index support_tickets_account_idx on support_tickets (source, source_account_id, source_created_at);

create table satisfaction_ratings (
  source text not null,
  source_id text not null,
  ticket_source_id text,
  source_account_id text,
  -- good | bad (answered), offered | unoffered (asked, no answer yet)
  score text not null,
  comment text,
  source_created_at timestamptz not null,
  source_updated_at timestamptz not null,
  deleted_at timestamptz,
  extra jsonb not null default '{}'::jsonb,
  synced_at timestamptz not null default now(),
  primary key (source, source_id)
);
create index satisfaction_ratings_account_idx on satisfaction_ratings (source, source_account_id, source_created_at);

create table billing_subscriptions (
  source text not null,
  source_id text not null,
  source_account_id text not null,
  status text not null,
  currency text not null,
  -- Monthly recurring revenue in currency units as the domain defines it: annual prices / 12,
  -- quantities, discounts applied; 0 while trialing.
  mrr numeric(18, 2) not null,
  seats integer,
  trial_end timestamptz,
  cancel_at timestamptz,
  cancel_at_period_end boolean not null default false,
  canceled_at timestamptz,
  ended_at timestamptz,
  current_period_start timestamptz,
  current_period_end timestamptz,
  items jsonb not null default '[]'::jsonb,
  source_created_at timestamptz not null,
  source_updated_at timestamptz not null,
  deleted_at timestamptz,
  extra jsonb not null default '{}'::jsonb,
  synced_at timestamptz not null default now(),
  primary key (source, source_id)
);
create index billing_subscriptions_account_idx on billing_subscriptions (source, source_account_id);

create table billing_invoices (
  source text not null,
  source_id text not null,
  source_account_id text not null,
  subscription_source_id text,
  status text,
  currency text not null,
  amount_due numeric(18, 2) not null,
  amount_paid numeric(18, 2) not null,
  amount_remaining numeric(18, 2) not null,
  attempt_count integer not null default 0,
  due_date timestamptz,
  paid_at timestamptz,
  period_start timestamptz,
  period_end timestamptz,
  source_created_at timestamptz not null,
  source_updated_at timestamptz not null,
  deleted_at timestamptz,
  extra jsonb not null default '{}'::jsonb,
  synced_at timestamptz not null default now(),
  primary key (source, source_id)
);
create index billing_invoices_account_idx on billing_invoices (source, source_account_id, source_created_at);

-- MRR of each subscription per calendar month (its value at the month's end), derived by the
-- billing connector: from subscription items for the current state, from invoice line periods
-- for months before cs360 first saw the subscription. Summed per account for NRR/GRR and growth.
create table billing_mrr_monthly (
  source text not null,
  subscription_source_id text not null,
  month date not null,
  source_account_id text not null,
  mrr numeric(18, 2) not null,
  seats integer,
  source_updated_at timestamptz not null,
  synced_at timestamptz not null default now(),
  primary key (source, subscription_source_id, month)
);
create index billing_mrr_monthly_account_idx on billing_mrr_monthly (source, source_account_id, month);

-- Product usage per source account (Amplitude group …) and UTC day. Hourly export windows merge
-- into the day idempotently: `hours_loaded` is a bitmask of the hours already counted, so a
-- replayed window adds nothing, and the id arrays union.
create table usage_daily (
  source text not null,
  source_account_id text not null,
  day date not null,
  hours_loaded integer not null default 0,
  events integer not null default 0,
  user_ids text[] not null default '{}',
  session_ids text[] not null default '{}',
  event_types text[] not null default '{}',
  synced_at timestamptz not null default now(),
  primary key (source, source_account_id, day)
);

-- A company name as identity resolution compares it: case, punctuation, accents kept as letters,
-- legal forms (Inc, GmbH, Ltd …) and extra spaces dropped, so "ACME, Inc." equals "Acme Inc".
create function cs360_normalized_name(name text) returns text
language sql immutable parallel safe
return btrim(regexp_replace(regexp_replace(regexp_replace(
  regexp_replace(lower(coalesce(name, '')), '&', ' and ', 'g'),
  '[^[:alnum:]]+', ' ', 'g'),
  '\m(inc|incorporated|llc|llp|ltd|limited|gmbh|ag|corp|corporation|co|company|plc|sa|sas|sarl|srl|spa|bv|nv|oy|ab|as|aps|kk|pty|pte|lp)\M', ' ', 'g'),
  ' +', ' ', 'g'));

-- What a CSM needs beside the number: how much of the model's weight had data, which inputs
-- were missing, and the measures that moved the score most, in words.
alter table account_scores
  add column observed_weight numeric(4, 3) not null default 1,
  add column missing_inputs jsonb not null default '[]'::jsonb,
  add column drivers jsonb not null default '[]'::jsonb;

-- Pages read per step: progress, and the denominator of what each request brought.
alter table sync_run_steps add column pages integer not null default 0;
