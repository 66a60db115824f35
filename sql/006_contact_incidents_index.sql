-- A reporter's recent incidents: a WhatsApp location sent on its own joins the one its sender just reported.
create index if not exists incidents_contact_recent_idx on incidents (contact_id, received_at desc);
