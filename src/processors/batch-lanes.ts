/**
 * Which of a batch's messages the set-based writer takes (batch-apply.ts) and which go one by one through the
 * per-message writer inside the same transaction. The set-based writer reads and writes for many messages at once,
 * so it takes the messages whose outcome depends on nothing the batch itself writes: a contact's only message in
 * the batch, neither an officer's "OK HK-…" nor a stakeholder's answer, not "STATUS" without a code (its answer
 * lists the contact's reports), without attachments. Everything else is rarer and keeps the order it arrived in,
 * after the lane: the two share no contact, so only a "possibly the same event" link between a lane's new incident
 * and one made in the same batch by a message written one by one can come out the other way round.
 */
import type { ContactKey } from '../db/repos/contacts';
import { contactKeyId } from '../db/repos/contacts';
import { mayBeStaffMessage, staffAddressOf } from '../follow-up/staff-messages';
import type { RecordInput } from './record-normalized-message';

export interface BatchMessage {
  input: RecordInput;
  contact: ContactKey;
  contactId: string;
}

/** A code or the Message-IDs an e-mail answers: only such a message may be a stakeholder's answer. */
function namesIncident({ input }: BatchMessage): boolean {
  return input.normalized.referenceCodes.length > 0 || (input.prepared.inReplyTo ?? []).length > 0;
}

/**
 * For each message, whether the set-based writer takes it. `stakeholders`: the phones and (lowercased) email
 * addresses among the senders that belong to a stakeholder.
 */
export function setBasedLane(messages: BatchMessage[], stakeholders: Set<string>): boolean[] {
  const perContact = new Map<string, number>();
  for (const m of messages) {
    const id = contactKeyId(m.contact);
    perContact.set(id, (perContact.get(id) ?? 0) + 1);
  }
  const fromStakeholder = (m: BatchMessage) => {
    const { phone, email } = staffAddressOf(m.input.raw, m.input.normalized);
    return (phone !== null && stakeholders.has(phone)) || (email !== null && stakeholders.has(email));
  };
  return messages.map((m) => {
    const { input, contact } = m;
    const n = input.normalized;
    return (
      perContact.get(contactKeyId(contact)) === 1 &&
      !input.replay &&
      !input.raw.staffEntry &&
      !(n.kind === 'status_query' && n.referenceCodes.length === 0) &&
      input.prepared.attachments.length === 0 &&
      // The sender's address is parsed only for a message naming an incident (and none is when no sender is one).
      !mayBeStaffMessage(input.prepared, n, stakeholders.size > 0 && namesIncident(m) && fromStakeholder(m))
    );
  });
}

/**
 * The phones and email addresses of the senders of messages naming an incident (a code, a reply to an email), as a
 * stakeholder would be recognised by them: only those may be a stakeholder's answer.
 */
export function senderAddresses(messages: BatchMessage[]): { phones: string[]; emails: string[] } {
  const addresses = messages.filter(namesIncident).map((m) => staffAddressOf(m.input.raw, m.input.normalized));
  return {
    phones: [...new Set(addresses.flatMap((a) => (a.phone ? [a.phone] : [])))],
    emails: [...new Set(addresses.flatMap((a) => (a.email ? [a.email] : [])))],
  };
}
