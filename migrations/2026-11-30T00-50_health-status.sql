-- 003's Green/Yellow/Red roll-up of the score, beside the five bands.
alter table account_scores add column health_status text;
