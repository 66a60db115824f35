-- The RT heads' app (issue 16): registered reporters, sign-in codes sent by SMS, app sessions, photos uploaded
-- with a report, and whether an app reporter opened a staff reply.

-- Every inbound channel the branches agree on: the app's reports arrive as channel 'app'.
alter table raw_messages drop constraint if exists raw_messages_channel_check;
alter table raw_messages add constraint raw_messages_channel_check
  check (channel in ('sms', 'whatsapp', 'email', 'phone', 'walk_in', 'app', 'open311'));

-- Sign-in codes leave through the outbox like any SMS (the office's SMSSync phone or Twilio).
alter table outbound_messages drop constraint if exists outbound_messages_purpose_check;
alter table outbound_messages add constraint outbound_messages_purpose_check
  check (purpose in ('ack', 'status_answer', 'question_answer', 'reply', 'alert', 'forward', 'summary', 'otp'));

-- RT/RW heads, lurah offices and FKDM members registered by the office. One person per phone (E.164).
create table reporters (
  id bigserial primary key,
  name text not null,
  phone text not null unique,
  role text not null check (role in ('ketua_rt', 'ketua_rw', 'lurah', 'fkdm')),
  kecamatan text,
  kecamatan_code text,
  kelurahan text not null,
  kelurahan_code text not null,
  rt text,
  rw text,
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

-- A 6-digit code, stored only as SHA-256 of a random salt, the phone and the code: 10 minutes, 5 tries, used once.
create table app_sign_in_codes (
  id bigserial primary key,
  phone text not null,
  code_hash text not null,
  salt text not null,
  attempts integer not null default 0,
  expires_at timestamptz not null,
  used_at timestamptz,
  outbound_message_id bigint references outbound_messages (id),
  created_at timestamptz not null default now()
);
create index app_sign_in_codes_phone_idx on app_sign_in_codes (phone, created_at desc);

-- App sessions: long-lived, separate from staff sessions, revocable by admins (revoked_at).
create table app_sessions (
  id_hash text primary key,
  reporter_id bigint not null references reporters (id) on delete cascade,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at timestamptz not null,
  revoked_at timestamptz
);
create index app_sessions_reporter_idx on app_sessions (reporter_id);

-- Photos of an app report, stored when the report is posted (before it is queued) and read by the app channel's
-- preparer into the thread's attachments. Unique per report and position: a retried upload stores nothing twice.
create table app_photos (
  id bigserial primary key,
  reporter_id bigint not null references reporters (id) on delete cascade,
  client_id text not null,
  position integer not null,
  content_type text not null,
  content bytea not null,
  created_at timestamptz not null default now(),
  unique (reporter_id, client_id, position)
);

-- When the app reporter first saw a staff reply in "Laporan saya" (the SMS copy is skipped then).
alter table incident_messages add column app_seen_at timestamptz;
