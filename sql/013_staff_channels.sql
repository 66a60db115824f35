-- Reports staff take by phone or at the desk arrive as raw messages of channel 'phone' or 'walk_in' (issue 15).
-- The full list of inbound channels, the same on every branch: the RT heads' app and partner systems too.
alter table raw_messages drop constraint if exists raw_messages_channel_check;
alter table raw_messages add constraint raw_messages_channel_check
  check (channel in ('sms', 'whatsapp', 'email', 'phone', 'walk_in', 'app', 'open311'));
