-- The inbound write path, measured by bench/end-to-end.ts (docs/benchmarks.md).
--
-- The loop guard counts the automatic messages sent to an address in the last hour before each acknowledgement.
-- Without an index that count read the whole outbox: every report grew the cost of the next one.
create index if not exists outbound_messages_to_recent_idx on outbound_messages (to_address, created_at);

-- A new incident is inserted with its first message's body already in search_text. Appending the same text again
-- would rewrite the incident row (every index, the search vector) for nothing, so the trigger skips a body that
-- search_text already is; every other inbound message is appended as before.
create or replace function halo_incident_search_text() returns trigger language plpgsql as $$
begin
  if new.direction = 'in' and new.body <> '' then
    update incidents
       set search_text = left(search_text || ' ' || new.body, 20000)
     where id = new.incident_id and length(search_text) < 20000 and search_text <> new.body;
  end if;
  return new;
end
$$;
