/**
 * Reads what the decision needs to know about a message (message-decision.ts): the incident it names, the
 * reporter's open incident, their open reports for "STATUS", and what the loop and cost guard counts. Repository
 * reads only, inside the message's transaction (after its raw row and contact are locked).
 */
import type { NormalizedMessage } from '../core/normalized-message';
import type { PreparedMessage } from '../core/prepared-message';
import type { RawMessage } from '../core/raw-message';
import type { DbOrTrx } from '../db/connection';
import type { ContactKey } from '../db/repos/contacts';
import {
  findIncidentByEmailMessageIds,
  findIncidentById,
  findIncidentByReferenceFollowingMerge,
  findRecentOpenIncidentOf,
  listOpenIncidentsOf,
} from '../db/repos/incidents';
import type { Settings } from '../settings';
import { countSentAutomatic, guardCounts } from './automatic-replies';
import {
  carriesNothing,
  longestFollowUpMinutes,
  type MessageSnapshot,
  mayFollowUp,
  type NamedThread,
} from './message-decision';

export interface SnapshotInput {
  raw: RawMessage;
  prepared: Pick<PreparedMessage, 'input' | 'inReplyTo'>;
  normalized: NormalizedMessage;
  contact: ContactKey;
  contactId: string;
  settings: Settings;
}

export async function readSnapshot(trx: DbOrTrx, m: SnapshotInput): Promise<MessageSnapshot> {
  const n = m.normalized;
  const named = n.kind === 'auto_reply' ? null : await findNamedThread(trx, n, m.prepared);
  if (carriesNothing(m.prepared, n)) return { named, recent: null, open: null, sent: null };
  // The reporter's latest open incident of the last hours: a message without a code is usually about it.
  const recent =
    named || !mayFollowUp(m.raw, n, m.contact)
      ? null
      : await findRecentOpenIncidentOf(trx, m.contactId, m.raw.receivedAt, longestFollowUpMinutes(m.settings));
  const statusList = n.kind === 'status_query' && !named && n.referenceCodes.length === 0;
  const list = statusList ? await listOpenIncidentsOf(trx, m.contactId, 3) : null;
  const newest = list?.[0] ? ((await findIncidentById(trx, list[0].id)) ?? null) : null;
  const sent = guardCounts(m.raw, m.contact) ? await countSentAutomatic(trx, m.contact) : null;
  return { named, recent, open: list ? { list, newest } : null, sent };
}

/** A quoted reference code, or (email) the Message-IDs it answers, name the incident a message belongs to. */
async function findNamedThread(
  trx: DbOrTrx,
  n: NormalizedMessage,
  prepared: Pick<PreparedMessage, 'inReplyTo'>,
): Promise<NamedThread | null> {
  for (const code of n.referenceCodes) {
    const found = await findIncidentByReferenceFollowingMerge(trx, code);
    if (found) return { incident: found, by: 'reference' };
  }
  const byMail = await findIncidentByEmailMessageIds(trx, prepared.inReplyTo ?? []);
  const incident = byMail ? await findIncidentById(trx, byMail) : undefined;
  return incident ? { incident, by: 'email_reply' } : null;
}
