-- Conversations (docs/conversations.md): why a message joined a thread, and why it got no automatic answer;
-- answers to questions are an outbound purpose of their own.

-- How the message found its incident: {"by": "follow_up" | "reference" | "email_reply" | "location" | "status",
-- "minutes": minutes after the incident's first message, "channel": the channel of that first message}.
alter table incident_messages add column if not exists join_reason jsonb;

-- Set when the loop and cost guard (or a rule such as "not a person") kept the automatic answer back:
-- 'reporter_cap', 'question_cap', 'not_a_person', 'too_old'. Staff see it in the thread and answer by hand.
alter table incident_messages add column if not exists unanswered_reason text;

alter table outbound_messages drop constraint if exists outbound_messages_purpose_check;
alter table outbound_messages add constraint outbound_messages_purpose_check
  check (purpose in ('ack', 'status_answer', 'question_answer', 'reply', 'alert', 'forward', 'summary', 'otp'));
