-- A run stopped by its operator (Ctrl-C, SIGTERM) is neither a success nor a failure: it is
-- recorded as cancelled, so no row is left `running` for a workflow that no longer runs.
alter table sync_runs drop constraint sync_runs_status_check;
alter table sync_runs
  add constraint sync_runs_status_check
  check (status in ('running', 'succeeded', 'failed', 'cancelled'));
