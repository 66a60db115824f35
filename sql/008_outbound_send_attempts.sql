-- When the last attempt to hand a message to its provider began. Set before the provider is called: when that
-- attempt's outcome was lost (a timeout, a crash before the answer was written), the next attempt asks the provider
-- whether the message already went out instead of sending it a second time (src/channels/twilio/earlier-send.ts).
alter table outbound_messages add column if not exists send_attempted_at timestamptz;
