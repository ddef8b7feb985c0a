-- How each stream's stored records were interpreted (renewal types, contract fields, identity
-- keys …): per config key a hash of its value, saved when the stream was last read to the end.
-- A differing hash at the start of a run re-reads that stream from the beginning.
create table stream_fingerprints (
  connector text not null,
  stream text not null,
  fingerprint jsonb not null,
  updated_at timestamptz not null default now(),
  primary key (connector, stream)
);
