-- SMS and WhatsApp channels (issue 3).
-- The SMSSync phone fetches its messages (task=send) and confirms them (task=sent) by a uuid: a stable, unguessable
-- id per outbox row, so a confirmation cannot be forged by counting ids.
alter table outbound_messages add column gateway_uuid uuid not null default gen_random_uuid();
alter table outbound_messages add constraint outbound_messages_gateway_uuid_key unique (gateway_uuid);
-- A message handed to the phone is leased until then: a second poll before the phone confirms does not hand it out
-- again (no double SMS), and a lease that expires unconfirmed hands it out again (no lost SMS).
alter table outbound_messages add column gateway_leased_until timestamptz;
create index outbound_messages_gateway_waiting_idx on outbound_messages (id) where state = 'queued_for_gateway';
