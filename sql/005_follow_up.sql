-- Follow-up and coordination (issue 9): the on-duty roster with exceptions, alerts and their acknowledgement,
-- forwards to stakeholders, response deadlines.

-- The roster: a WhatsApp number apart from the phone (some officers keep two), and a switch to take someone off
-- without losing their history. Days are ISO (1 = Monday); no days and no hours = always on duty.
alter table duty_roster add column whatsapp text;
alter table duty_roster add column active boolean not null default true;
alter table duty_roster add column updated_at timestamptz not null default now();
create index duty_roster_phone_idx on duty_roster (phone) where phone is not null;
create index duty_roster_whatsapp_idx on duty_roster (whatsapp) where whatsapp is not null;

-- A dated exception to the weekly pattern: off that day (leave, sick), or on duty that day at other hours (a swap).
create table duty_exceptions (
  id bigserial primary key,
  roster_id bigint not null references duty_roster (id) on delete cascade,
  date date not null,
  on_duty boolean not null,
  -- Only for on_duty: the hours of that day (both null = the whole day).
  from_time time,
  to_time time,
  note text not null default '',
  created_at timestamptz not null default now(),
  unique (roster_id, date)
);

-- Who was alerted about which incident, at which escalation level (0 = the people on duty when it came in).
-- One alert per person and incident: a second process, a retried job or a replay finds the row and stops.
create table incident_alerts (
  id bigserial primary key,
  incident_id bigint not null references incidents (id),
  roster_id bigint references duty_roster (id) on delete set null,
  level integer not null,
  outbound_message_id bigint references outbound_messages (id),
  created_at timestamptz not null default now(),
  unique (incident_id, roster_id)
);
create index incident_alerts_incident_idx on incident_alerts (incident_id, level);

-- Acknowledgement stops the escalation; milestones and targets are the response deadlines (share met per month).
alter table incidents add column acknowledged_at timestamptz;
alter table incidents add column acknowledged_by text;
alter table incidents add column verified_at timestamptz;
alter table incidents add column answered_at timestamptz;
alter table incidents add column resolved_at timestamptz;
alter table incidents add column verify_due_at timestamptz;
alter table incidents add column answer_due_at timestamptz;
alter table incidents add column resolve_due_at timestamptz;
create index incidents_due_idx on incidents (due_at) where due_at is not null;

-- A summary sent to a stakeholder, with the thread message that shows it (its Message-ID for email answers).
create table forwards (
  id bigserial primary key,
  incident_id bigint not null references incidents (id),
  stakeholder_id bigint not null references stakeholders (id),
  user_id bigint references users (id),
  note text not null default '',
  include_reporter boolean not null default false,
  outbound_message_id bigint references outbound_messages (id),
  incident_message_id bigint references incident_messages (id),
  created_at timestamptz not null default now()
);
create index forwards_incident_idx on forwards (incident_id, created_at);
create index stakeholders_phone_idx on stakeholders (phone) where phone is not null;
create index stakeholders_email_idx on stakeholders (lower(email)) where email is not null;
