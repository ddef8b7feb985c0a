-- Indexes the model needs at 100,000 accounts (bench/model-scale.ts measures it).
-- Support signals count a CSAT answer that names no organization through its ticket: scoring
-- reads the ratings of a page's tickets by ticket id, which without this index meant reading
-- every rating of every account once per page of 5,000.
create index satisfaction_ratings_ticket_idx on satisfaction_ratings (source, ticket_source_id);
