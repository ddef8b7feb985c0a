-- Rate-limit waits of a step, committed with the pages they delayed like every other counter:
-- the progress display and the run report read them from here, so a finished step shows every
-- wait even when its last heartbeat never reached Temporal.
alter table sync_run_steps add column rate_limit_waits integer not null default 0;
