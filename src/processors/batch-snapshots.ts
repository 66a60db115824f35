/**
 * What the decision needs to know (message-snapshot.ts) for the messages of the set-based lane (batch-lanes.ts),
 * read with one statement per kind of fact instead of a few per message: each reporter's recent open incident, and
 * what the loop and cost guard counts per address. Those messages name no incident and ask for no status, so the
 * rest of the snapshot is empty by construction.
 */

import type { DbOrTrx } from '../db/connection';
import type { IncidentRow } from '../db/database';
import { findOpenIncidentsOfContacts } from '../db/repos/incident-batch';
import type { Settings } from '../settings';
import { countSentAutomaticFor, guardCounts } from './automatic-replies';
import type { BatchMessage } from './batch-lanes';
import { carriesNothing, longestFollowUpMinutes, type MessageSnapshot, mayFollowUp } from './message-decision';

const EMPTY: MessageSnapshot = { named: null, recent: null, open: null, sent: null };

export async function readBatchSnapshots(
  trx: DbOrTrx,
  messages: BatchMessage[],
  settings: Settings,
): Promise<MessageSnapshot[]> {
  const acting = messages.map(({ input }) => !carriesNothing(input.prepared, input.normalized));
  const followsUp = messages.map((m, k) => acting[k]! && mayFollowUp(m.input.raw, m.input.normalized, m.contact));
  const counted = messages.map((m, k) => acting[k]! && guardCounts(m.input.raw, m.contact));
  const at = messages.map((m) => new Date(m.input.raw.receivedAt).getTime());
  const windowMs = longestFollowUpMinutes(settings) * 60_000;

  const asking = messages.flatMap((m, k) => (followsUp[k] ? [{ contactId: m.contactId, at: at[k]! }] : []));
  const open =
    asking.length === 0
      ? []
      : await findOpenIncidentsOfContacts(
          trx,
          asking.map((a) => a.contactId),
          {
            from: new Date(Math.min(...asking.map((a) => a.at)) - windowMs),
            to: new Date(Math.max(...asking.map((a) => a.at))),
          },
        );
  const openByContact = new Map<string, IncidentRow[]>();
  for (const incident of open) {
    const key = String(incident.contact_id);
    openByContact.set(key, [...(openByContact.get(key) ?? []), incident]);
  }
  const sent = await countSentAutomaticFor(
    trx,
    messages.filter((_, k) => counted[k]).map((m) => m.contact),
  );

  return messages.map((m, k) => {
    if (!acting[k]) return EMPTY;
    // Newest first: the latest open incident received up to the message, within the longer follow-up window.
    const recent = followsUp[k]
      ? ((openByContact.get(m.contactId) ?? []).find(
          (i) => i.received_at.getTime() <= at[k]! && i.received_at.getTime() >= at[k]! - windowMs,
        ) ?? null)
      : null;
    const counts = counted[k] ? (sent.get(m.contact.address) ?? { all: 0, answers: 0 }) : null;
    return { named: null, recent, open: null, sent: counts };
  });
}
