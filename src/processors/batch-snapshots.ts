/**
 * What the decision needs to know (message-snapshot.ts) for the messages of the set-based lane (batch-lanes.ts),
 * read with one statement per kind of fact instead of a few per message: the incidents their codes and e-mail
 * replies name, each reporter's recent open incidents, and what the loop and cost guard counts per address. The
 * same `snapshotWith` as the per-message path then picks from them what each message needs.
 */
import type { DbOrTrx } from '../db/connection';
import type { IncidentRow } from '../db/database';
import {
  findIncidentsByIds,
  findIncidentsByReferences,
  findOpenIncidentsOfContacts,
  findThreadMessagesByEmailIds,
} from '../db/repos/incident-batch';
import type { Settings } from '../settings';
import { countSentAutomaticFor } from './automatic-replies';
import type { BatchMessage } from './batch-lanes';
import { longestFollowUpMinutes, type MessageSnapshot, type NamedThread } from './message-decision';
import { type SnapshotInput, snapshotWith } from './message-snapshot';

const snapshotInput = (m: BatchMessage, settings: Settings): SnapshotInput => ({
  raw: m.input.raw,
  prepared: m.input.prepared,
  normalized: m.input.normalized,
  contact: m.contact,
  contactId: m.contactId,
  settings,
});

export async function readBatchSnapshots(
  trx: DbOrTrx,
  messages: BatchMessage[],
  settings: Settings,
): Promise<MessageSnapshot[]> {
  const inputs = messages.map((m) => snapshotInput(m, settings));
  const named = await namedThreads(trx, inputs);
  const recent = await recentOpenIncidents(trx, inputs, longestFollowUpMinutes(settings));
  const sent = await countSentAutomaticFor(
    trx,
    inputs.map((m) => m.contact),
  );
  return Promise.all(
    inputs.map((m, k) =>
      snapshotWith(m, {
        named: async () => named[k] ?? null,
        recent: async () => recent[k] ?? null,
        // The lane keeps status queries without a code (the only ones asking for the list) out.
        open: async () => {
          throw new Error('batch_snapshot: a status list is read on the per-message path');
        },
        sent: async (x) => sent.get(x.contact.address) ?? { all: 0, answers: 0 },
      }),
    ),
  );
}

/**
 * The incident each message names: its first quoted code that exists (a merged incident's survivor), else the
 * newest thread message carrying one of the Message-IDs an e-mail answers.
 */
async function namedThreads(trx: DbOrTrx, inputs: SnapshotInput[]): Promise<(NamedThread | null)[]> {
  const byCode = new Map(
    (
      await findIncidentsByReferences(
        trx,
        inputs.flatMap((m) => m.normalized.referenceCodes),
      )
    ).map((i) => [i.reference, i]),
  );
  const mail = await findThreadMessagesByEmailIds(
    trx,
    inputs.flatMap((m) => m.prepared.inReplyTo ?? []),
  );
  const survivors = [...byCode.values()].flatMap((i) => (i.duplicate_of ? [i.duplicate_of] : []));
  const byId = new Map(
    (await findIncidentsByIds(trx, [...survivors, ...mail.map((r) => r.incident_id)])).map((i) => [i.id, i]),
  );
  return inputs.map((m) => {
    for (const code of m.normalized.referenceCodes) {
      const found = byCode.get(code);
      if (found) return { incident: (found.duplicate_of && byId.get(found.duplicate_of)) || found, by: 'reference' };
    }
    const replyTo = new Set(m.prepared.inReplyTo ?? []);
    // Newest first, as the per-message look-up orders them.
    const answered = mail.find((r) => replyTo.has(r.email_message_id));
    const incident = answered ? byId.get(answered.incident_id) : undefined;
    return incident ? { incident, by: 'email_reply' } : null;
  });
}

/** Each message's reporter's open incidents received within `minutes` before it: the newest of them. */
async function recentOpenIncidents(
  trx: DbOrTrx,
  inputs: SnapshotInput[],
  minutes: number,
): Promise<(IncidentRow | null)[]> {
  const at = inputs.map((m) => new Date(m.raw.receivedAt).getTime());
  const windowMs = minutes * 60_000;
  const open = await findOpenIncidentsOfContacts(
    trx,
    inputs.map((m) => m.contactId),
    { from: new Date(Math.min(...at) - windowMs), to: new Date(Math.max(...at)) },
  );
  const byContact = new Map<string, IncidentRow[]>();
  for (const incident of open) {
    const key = String(incident.contact_id);
    byContact.set(key, [...(byContact.get(key) ?? []), incident]);
  }
  return inputs.map(
    (m, k) =>
      (byContact.get(m.contactId) ?? []).find(
        (i) => i.received_at.getTime() <= at[k]! && i.received_at.getTime() >= at[k]! - windowMs,
      ) ?? null,
  );
}
