-- The CSM's own view of an account's health (issue 7), read from the CRM field the connector's
-- csmHealthField names. It is stored beside the model's score, never in place of it, so the
-- disagreement between people and model can be reported and tracked over time.

-- The value as the CSM typed it in the CRM (trimmed; null when empty or no field is configured).
alter table accounts add column csm_health text;

-- Beside the model's score: the raw value, what it reads as (003's Green/Yellow/Red, and the
-- band when the CSM gave a band or a number; null when it reads as nothing) and the first day
-- cs360 saw the current value.
alter table account_scores
  add column csm_health_raw text,
  add column csm_health_status text,
  add column csm_health_band text,
  add column csm_health_since date;

-- The same per day, with the model's status, so "who was right" can be asked afterwards.
alter table account_score_history
  add column health_status text,
  add column csm_health_raw text,
  add column csm_health_status text,
  add column csm_health_band text,
  add column csm_health_since date;
