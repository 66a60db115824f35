-- The first schema. Later migrations extend it; none rewrites it.
-- Every table that receives a message has a unique key on the message's identity (ARCHITECTURE.md rule 2).

create table users (
  id bigserial primary key,
  email text not null unique,
  name text not null default '',
  role text not null check (role in ('admin', 'operator', 'viewer')),
  password_hash text,
  disabled_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

-- A reporter (or an officer, or a stakeholder writing back), keyed by a normalized address.
create table contacts (
  id bigserial primary key,
  kind text not null check (kind in ('phone', 'email', 'other')),
  address text not null,
  name text,
  -- WhatsApp allows free text only within 24 hours of the contact's last message.
  last_inbound_at timestamptz,
  last_inbound_channel text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (kind, address)
);

-- Every inbound message exactly as it was received.
create table raw_messages (
  id bigserial primary key,
  channel text not null check (channel in ('sms', 'whatsapp', 'email')),
  provider text not null,
  external_id text not null,
  received_at timestamptz not null,
  from_address text not null default '',
  to_address text,
  subject text,
  payload jsonb not null default '{}',
  raw_source bytea,
  size_bytes integer,
  state text not null default 'received' check (state in ('received', 'processed', 'unreadable')),
  kind text,
  error text,
  attempts integer not null default 0,
  contact_id bigint references contacts (id),
  processed_at timestamptz,
  created_at timestamptz not null default now(),
  unique (channel, external_id)
);
create index raw_messages_state_idx on raw_messages (state, received_at);
create index raw_messages_received_idx on raw_messages (received_at);

create table incidents (
  id bigserial primary key,
  reference text not null unique,
  status text not null default 'new' check (status in ('new', 'verified', 'in_progress', 'resolved', 'rejected')),
  channel text not null,
  category text,
  category_confidence real not null default 0,
  priority text not null default 'normal' check (priority in ('urgent', 'high', 'normal', 'low')),
  title text not null default '',
  summary text not null default '',
  kecamatan text,
  kecamatan_code text,
  kelurahan text,
  kelurahan_code text,
  rt text,
  rw text,
  street text,
  location_text text,
  latitude double precision,
  longitude double precision,
  occurred_at timestamptz,
  received_at timestamptz not null,
  keywords text[] not null default '{}',
  contact_id bigint references contacts (id),
  first_raw_message_id bigint unique references raw_messages (id),
  assignee_id bigint references users (id),
  possible_duplicate_of bigint references incidents (id),
  duplicate_of bigint references incidents (id),
  -- The normalizer's answer, kept whole so that `halo replay` can refresh it without touching corrections.
  machine jsonb not null default '{}',
  -- Staff corrections (category, priority, location): they win over `machine` and are never overwritten.
  corrections jsonb not null default '{}',
  message_count integer not null default 0,
  due_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index incidents_list_idx on incidents (received_at desc, id desc);
create index incidents_status_idx on incidents (status, received_at desc);
create index incidents_category_idx on incidents (category, received_at desc);
create index incidents_kecamatan_idx on incidents (kecamatan_code, received_at desc);
create index incidents_kelurahan_recent_idx on incidents (kelurahan_code, category, received_at desc);
create index incidents_created_idx on incidents (created_at desc);
create index incidents_priority_idx on incidents (priority, received_at desc);

-- The thread: inbound and outbound messages of one incident, oldest first.
create table incident_messages (
  id bigserial primary key,
  incident_id bigint not null references incidents (id),
  raw_message_id bigint unique references raw_messages (id),
  direction text not null check (direction in ('in', 'out')),
  channel text not null,
  from_address text,
  to_address text,
  body text not null default '',
  html text,
  email_message_id text,
  at timestamptz not null,
  created_at timestamptz not null default now()
);
create index incident_messages_incident_idx on incident_messages (incident_id, at);
create index incident_messages_email_id_idx on incident_messages (email_message_id) where email_message_id is not null;

create table attachments (
  id bigserial primary key,
  raw_message_id bigint not null references raw_messages (id),
  incident_message_id bigint references incident_messages (id),
  position integer not null,
  filename text,
  content_type text,
  size integer not null default 0,
  content bytea,
  sha256 text,
  error text,
  created_at timestamptz not null default now(),
  unique (raw_message_id, position)
);

-- Everything we send: acknowledgements, status answers, staff replies, alerts, forwards.
-- `dedupe_key` makes "send this once" a database fact, whatever retries and replays happen.
create table outbound_messages (
  id bigserial primary key,
  dedupe_key text unique,
  incident_id bigint references incidents (id),
  raw_message_id bigint references raw_messages (id),
  purpose text not null check (purpose in ('ack', 'status_answer', 'reply', 'alert', 'forward', 'summary')),
  channel text not null check (channel in ('sms', 'whatsapp', 'email')),
  transport text,
  to_address text not null,
  subject text,
  body text not null,
  state text not null default 'pending',
  provider_message_id text,
  error text,
  created_by bigint references users (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  sent_at timestamptz
);
create index outbound_messages_state_idx on outbound_messages (state, created_at);
create index outbound_messages_incident_idx on outbound_messages (incident_id);
create index outbound_messages_provider_idx on outbound_messages (provider_message_id) where provider_message_id is not null;

create table audit_log (
  id bigserial primary key,
  at timestamptz not null default now(),
  user_id bigint references users (id),
  action text not null,
  incident_id bigint references incidents (id),
  details jsonb not null default '{}'
);
create index audit_log_at_idx on audit_log (at desc);
create index audit_log_incident_idx on audit_log (incident_id, at);

-- IMAP checkpoints: advance only after the batch was queued (ARCHITECTURE.md rule 3).
create table mailbox_state (
  mailbox text primary key,
  uid_validity text,
  last_uid bigint not null default 0,
  last_sync_at timestamptz,
  last_error text,
  updated_at timestamptz not null default now()
);

-- What admins tune while the service runs (acknowledgement texts, template ids, caps, deadlines…): key → JSON value.
-- Code holds the defaults; a row here overrides one.
create table settings (
  key text primary key,
  value jsonb not null,
  updated_by bigint references users (id),
  updated_at timestamptz not null default now()
);
