/**
 * Which of a batch's messages the set-based writer takes (batch-apply.ts) and which go one by one through the
 * per-message writer inside the same transaction. The set-based writer reads and writes for many messages at once,
 * so it takes the messages whose outcome depends on nothing the batch itself writes: a contact's only message in
 * the batch, naming no incident (no code, no e-mail reply, so neither an officer's "OK HK-…" nor a stakeholder's
 * answer), not a status query (its answer lists the contact's reports), without attachments. Everything else is
 * rarer and keeps the order it arrived in.
 */
import type { ContactKey } from '../db/repos/contacts';
import { contactKeyId } from '../db/repos/contacts';
import { mayBeStaffMessage } from '../follow-up/staff-messages';
import type { RecordInput } from './record-normalized-message';

export interface BatchMessage {
  input: RecordInput;
  contact: ContactKey;
  contactId: string;
}

/** For each message, whether the set-based writer takes it. */
export function setBasedLane(messages: BatchMessage[]): boolean[] {
  const perContact = new Map<string, number>();
  for (const m of messages) {
    const id = contactKeyId(m.contact);
    perContact.set(id, (perContact.get(id) ?? 0) + 1);
  }
  return messages.map(({ input, contact }) => {
    const n = input.normalized;
    return (
      perContact.get(contactKeyId(contact)) === 1 &&
      !input.replay &&
      !input.raw.staffEntry &&
      n.kind !== 'status_query' &&
      input.prepared.attachments.length === 0 &&
      !mayBeStaffMessage(input.prepared, n)
    );
  });
}
