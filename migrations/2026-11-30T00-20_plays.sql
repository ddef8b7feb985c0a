-- Plays: the next actions cs360 raises for each account's CSM (003's proactive outreach
-- triggers, 004's renewal timeline, at-risk escalation and expansion signals). A play stays one
-- row while its condition holds and is closed, with why, when it clears; closed plays are kept
-- as the history of what was asked of whom.
create table plays (
  id bigint generated always as identity primary key,
  crm text not null,
  account_id text not null,
  play_type text not null,
  -- With the account and type, what makes two plays the same (a renewal's date and phase).
  reason_key text not null,
  reason text not null,
  action text not null,
  priority text not null check (priority in ('urgent', 'high', 'medium', 'low')),
  owner_id text,
  due_date date not null,
  evidence jsonb not null default '{}',
  status text not null default 'open' check (status in ('open', 'closed')),
  -- The business days (as-of dates of the runs) it was raised, last found and closed on.
  raised_as_of date not null,
  last_seen_as_of date not null,
  closed_as_of date,
  raised_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  closed_at timestamptz,
  closed_why text,
  check ((status = 'closed') = (closed_at is not null))
);

-- De-duplication: at most one open play per account, type and reason key.
create unique index plays_one_open_per_key on plays (crm, account_id, play_type, reason_key)
  where status = 'open';

-- A CSM's queue and the most urgent plays: open plays by owner and due date.
create index plays_open_by_owner on plays (crm, owner_id, due_date) where status = 'open';
