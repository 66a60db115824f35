-- The optional move of processed mail (IMAP_PROCESSED_FOLDER, src/channels/email/mailbox-move.ts): when a stored
-- email left the mailbox it was fetched from. The partial index holds only the mail still waiting to be moved, so
-- the mover's look-up stays small however much mail has been moved before.
alter table raw_messages add column if not exists moved_at timestamptz;
create index if not exists raw_messages_to_move_idx
  on raw_messages ((payload->'mailbox'->>'name'), (payload->'mailbox'->>'uidValidity'))
  where channel = 'email' and provider = 'imap' and moved_at is null and state in ('processed', 'unreadable');
