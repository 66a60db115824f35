-- Interfaces for partner systems (docs/integrations.md): outgoing signed webhooks and Open311 GeoReport v2.

-- Inbound channels, the full list every branch agrees on.
alter table raw_messages drop constraint if exists raw_messages_channel_check;
alter table raw_messages add constraint raw_messages_channel_check
  check (channel in ('sms', 'whatsapp', 'email', 'phone', 'walk_in', 'app', 'open311'));

-- Admin-issued keys of Open311 client systems; only the SHA-256 of a key is kept. `name` is the client system and
-- becomes the source of the reports it posts.
create table open311_keys (
  id bigserial primary key,
  name text not null,
  key_hash text not null unique,
  created_by bigint references users (id),
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);

-- Webhook subscriptions. The secret is kept as given: it signs every delivery (HMAC needs the key itself).
create table webhook_subscriptions (
  id bigserial primary key,
  name text not null default '',
  url text not null,
  secret text not null,
  events text[] not null,
  trusted boolean not null default false,
  active boolean not null default true,
  created_by bigint references users (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  deleted_at timestamptz
);

-- The integration event outbox: written by the triggers below in the same transaction as the change itself, so an
-- event exists exactly when its change committed, whichever code path made it. The dispatcher (outbound role)
-- turns each undispatched row into one delivery per matching subscription and marks it dispatched.
create table integration_events (
  id bigserial primary key,
  type text not null check (type in ('incident.created', 'incident.updated', 'incident.urgent', 'incident.closed',
                                     'forward.answered')),
  incident_id bigint not null references incidents (id),
  details jsonb not null default '{}',
  created_at timestamptz not null default now(),
  dispatched_at timestamptz
);
create index integration_events_undispatched_idx on integration_events (id) where dispatched_at is null;

-- One delivery per (subscription, event): the unique key makes "each event once" a database fact. `body` is the
-- exact JSON sent (and signed) on every attempt. States: pending → delivered, or dead (given up; a 4xx other than
-- 408/429 at once, anything else after the last attempt).
create table webhook_deliveries (
  id bigserial primary key,
  subscription_id bigint not null references webhook_subscriptions (id),
  event_id bigint not null references integration_events (id),
  event_type text not null,
  body text not null,
  state text not null default 'pending' check (state in ('pending', 'delivered', 'dead')),
  attempts integer not null default 0,
  last_status integer,
  last_error text,
  created_at timestamptz not null default now(),
  last_attempt_at timestamptz,
  delivered_at timestamptz,
  unique (subscription_id, event_id)
);
create index webhook_deliveries_log_idx on webhook_deliveries (subscription_id, id desc);
create index webhook_deliveries_pending_idx on webhook_deliveries (created_at) where state = 'pending';

-- What an incident change means to a partner. `incident.updated` fires for changes a partner can see (status,
-- priority, category, place, assignee, duplicate, acknowledgement, a new message in the thread), never for
-- bookkeeping (deadlines, search text); urgent and closed fire beside it when the priority becomes urgent and the
-- status becomes resolved or rejected.
create or replace function halo_incident_integration_events() returns trigger language plpgsql as $$
begin
  if tg_op = 'INSERT' then
    insert into integration_events (type, incident_id) values ('incident.created', new.id);
    if new.priority = 'urgent' then
      insert into integration_events (type, incident_id) values ('incident.urgent', new.id);
    end if;
    return new;
  end if;
  if (new.status, new.priority, new.category, new.title, new.summary, new.kecamatan_code, new.kelurahan_code,
      new.rt, new.rw, new.street, new.location_text, new.latitude, new.longitude, new.assignee_id, new.duplicate_of,
      new.acknowledged_at, new.message_count)
     is distinct from
     (old.status, old.priority, old.category, old.title, old.summary, old.kecamatan_code, old.kelurahan_code,
      old.rt, old.rw, old.street, old.location_text, old.latitude, old.longitude, old.assignee_id, old.duplicate_of,
      old.acknowledged_at, old.message_count) then
    insert into integration_events (type, incident_id, details)
      values ('incident.updated', new.id, jsonb_build_object('status', new.status, 'previousStatus', old.status));
  end if;
  if new.priority = 'urgent' and old.priority <> 'urgent' then
    insert into integration_events (type, incident_id) values ('incident.urgent', new.id);
  end if;
  if new.status in ('resolved', 'rejected') and old.status not in ('resolved', 'rejected') then
    insert into integration_events (type, incident_id, details)
      values ('incident.closed', new.id, jsonb_build_object('status', new.status));
  end if;
  return new;
end
$$;

create trigger incidents_integration_events
  after insert or update on incidents
  for each row execute function halo_incident_integration_events();

-- A stakeholder's answer to a forward: the inbound processor attaches it to the thread, then marks its raw message
-- with kind 'stakeholder_reply' in the same transaction.
create or replace function halo_forward_answer_event() returns trigger language plpgsql as $$
begin
  if new.kind = 'stakeholder_reply' and old.kind is distinct from 'stakeholder_reply' then
    insert into integration_events (type, incident_id, details)
      select 'forward.answered', m.incident_id, jsonb_build_object('incidentMessageId', m.id::text, 'at', m.at)
        from incident_messages m
       where m.raw_message_id = new.id
       order by m.id
       limit 1;
  end if;
  return new;
end
$$;

create trigger raw_messages_forward_answer_event
  after update of kind on raw_messages
  for each row execute function halo_forward_answer_event();
