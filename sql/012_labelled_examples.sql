-- Learning from this office's corrections (docs/normalizer.md): when staff correct an incident's category or
-- priority, the text the normalizer read and the correction are kept as a labelled example. One row per incident
-- and field: a second correction of the same field replaces the first. `halo learn` and the nightly job evaluate
-- the rules on these rows; the nightly job keeps its report in learning_reports.
create table if not exists labelled_examples (
  id bigserial primary key,
  incident_id bigint not null references incidents (id) on delete cascade,
  field text not null check (field in ('category', 'priority')),
  channel text not null,
  text text not null,
  machine_value text,
  corrected_value text,
  corrected_by bigint references users (id) on delete set null,
  corrected_at timestamptz not null default now(),
  unique (incident_id, field)
);
create index if not exists labelled_examples_corrected_at_idx on labelled_examples (corrected_at);

create table if not exists learning_reports (
  id bigserial primary key,
  created_at timestamptz not null default now(),
  examples integer not null,
  report jsonb not null
);
