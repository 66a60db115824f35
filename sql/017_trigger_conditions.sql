-- Triggers that have nothing to do are not called (issue 19: the inbound write path).
--
-- Every processed message sets raw_messages.kind; only a stakeholder's answer to a forward makes an event
-- (sql/016). With the condition on the trigger, PostgreSQL decides without calling the function for the others.
drop trigger raw_messages_forward_answer_event on raw_messages;
create trigger raw_messages_forward_answer_event
  after update of kind on raw_messages
  for each row
  when (new.kind = 'stakeholder_reply' and old.kind is distinct from 'stakeholder_reply')
  execute function halo_forward_answer_event();

-- Only inbound messages with words join the search text (sql/004, sql/007): staff replies and empty messages (a
-- WhatsApp location, a photo alone) no longer call the function.
drop trigger incident_messages_search_text on incident_messages;
create trigger incident_messages_search_text
  after insert on incident_messages
  for each row
  when (new.direction = 'in' and new.body <> '')
  execute function halo_incident_search_text();
