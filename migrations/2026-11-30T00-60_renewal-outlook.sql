-- The account's renewal outlook beside its score: its ARR weighted by the renewal probability of
-- its health (004's forecast table), and whether its health puts the renewal at risk.
alter table account_scores
  add column renewal_forecast_arr numeric(14, 2),
  add column renewal_at_risk boolean;
