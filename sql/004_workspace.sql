-- The staff workspace: sessions and API tokens, notes, history, full-text search, directories.

-- Browser sessions, server-side so that logout and disabling a user end them at once. Only a hash of the cookie
-- value is stored: a leaked database dump does not let anyone log in.
create table sessions (
  id_hash text primary key,
  user_id bigint not null references users (id),
  csrf_token text not null,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index sessions_user_idx on sessions (user_id);
create index sessions_expires_idx on sessions (expires_at);

-- Tokens for scripts (`halo token add`): shown once, stored as a SHA-256 hash; they act with their user's role.
create table api_tokens (
  id bigserial primary key,
  user_id bigint not null references users (id),
  name text not null default '',
  token_hash text not null unique,
  last_used_at timestamptz,
  revoked_at timestamptz,
  created_at timestamptz not null default now()
);

create table incident_notes (
  id bigserial primary key,
  incident_id bigint not null references incidents (id),
  user_id bigint references users (id),
  body text not null,
  created_at timestamptz not null default now()
);
create index incident_notes_incident_idx on incident_notes (incident_id, created_at);

-- What staff changed on an incident: status, assignment, corrections, duplicates, merges, replies, notes.
create table incident_history (
  id bigserial primary key,
  incident_id bigint not null references incidents (id),
  user_id bigint references users (id),
  kind text not null,
  from_value jsonb,
  to_value jsonb,
  at timestamptz not null default now()
);
create index incident_history_incident_idx on incident_history (incident_id, at);

-- A staff reply is a thread message that points at its outbox row, whose state is the delivery state shown.
alter table incident_messages add column outbound_message_id bigint references outbound_messages (id);
create index incident_messages_outbound_idx on incident_messages (outbound_message_id) where outbound_message_id is not null;

-- Full text (PostgreSQL's `indonesian` configuration: stemming of me-/ber-/-kan/-nya…). The reporters' own words
-- (inbound thread bodies) are kept in `search_text`, maintained by a trigger, so that the generated vector can
-- include them and stay a single GIN index on one table.
alter table incidents add column search_text text not null default '';

create function halo_search_document(title text, summary text, kecamatan text, kelurahan text, street text,
                                     location_text text, keywords text[], search_text text)
returns tsvector language sql immutable parallel safe as $$
  select setweight(to_tsvector('indonesian'::regconfig, coalesce(title, '')), 'A')
      || setweight(to_tsvector('indonesian'::regconfig,
           coalesce(kecamatan, '') || ' ' || coalesce(kelurahan, '') || ' ' || coalesce(street, '') || ' '
           || coalesce(location_text, '') || ' ' || coalesce(array_to_string(keywords, ' '), '')), 'B')
      || setweight(to_tsvector('indonesian'::regconfig, coalesce(summary, '') || ' ' || coalesce(search_text, '')), 'C')
$$;

alter table incidents add column search_document tsvector generated always as (
  halo_search_document(title, summary, kecamatan, kelurahan, street, location_text, keywords, search_text)
) stored;
create index incidents_search_idx on incidents using gin (search_document);

-- Keyset paging with filters: (filter, received_at desc, id desc) lets each filter walk in list order.
create index incidents_status_list_idx on incidents (status, received_at desc, id desc);
create index incidents_priority_list_idx on incidents (priority, received_at desc, id desc);
create index incidents_channel_list_idx on incidents (channel, received_at desc, id desc);
create index incidents_category_list_idx on incidents (category, received_at desc, id desc);
create index incidents_kecamatan_list_idx on incidents (kecamatan_code, received_at desc, id desc);
create index incidents_assignee_idx on incidents (assignee_id) where assignee_id is not null;

-- Keeps search_text = the inbound bodies of the thread (capped: a long email must not make every update heavy).
create function halo_incident_search_text() returns trigger language plpgsql as $$
begin
  if new.direction = 'in' and new.body <> '' then
    update incidents
       set search_text = left(search_text || ' ' || new.body, 20000)
     where id = new.incident_id and length(search_text) < 20000;
  end if;
  return new;
end
$$;
create trigger incident_messages_search_text after insert on incident_messages
  for each row execute function halo_incident_search_text();

update incidents i
   set search_text = left(coalesce((select string_agg(m.body, ' ' order by m.at) from incident_messages m
                                    where m.incident_id = i.id and m.direction = 'in'), ''), 20000);

create table if not exists stakeholders (
  id bigserial primary key,
  name text not null,
  agency text not null default '',
  channel text not null check (channel in ('sms', 'whatsapp', 'email')),
  phone text,
  email text,
  categories text[] not null default '{}',
  kecamatan_codes text[] not null default '{}',
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

-- The on-duty roster, minimal here (the follow-up issue extends it): ISO days, hours in TIMEZONE, order = escalation.
create table if not exists duty_roster (
  id bigserial primary key,
  position integer not null default 0,
  name text not null,
  phone text,
  email text,
  channel text not null default 'sms' check (channel in ('sms', 'whatsapp', 'email')),
  days integer[] not null default '{}',
  from_time time,
  to_time time,
  created_at timestamptz not null default now()
);
