/**
 * Reads what the decision needs to know about a message (message-decision.ts): the incident it names, the
 * reporter's open incident, their open reports for "STATUS", and what the loop and cost guard counts. Repository
 * reads only, inside the message's transaction (after its raw row and contact are locked).
 */
import type { NormalizedMessage } from '../core/normalized-message';
import type { PreparedMessage } from '../core/prepared-message';
import type { RawMessage } from '../core/raw-message';
import type { DbOrTrx } from '../db/connection';
import type { IncidentRow } from '../db/database';
import type { ContactKey } from '../db/repos/contacts';
import {
  findIncidentByEmailMessageIds,
  findIncidentById,
  findIncidentByReferenceFollowingMerge,
  findRecentOpenIncidentOf,
  listOpenIncidentsOf,
} from '../db/repos/incidents';
import type { Settings } from '../settings';
import { countSentAutomatic, guardCounts, type SentAutomatic } from './automatic-replies';
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

/**
 * Where the facts come from: a message's own queries (readSnapshot), or what a batch read for all its messages at
 * once (batch-snapshots.ts). Each is asked only when the message needs it.
 */
export interface SnapshotSources {
  /** The incident a quoted code (the first that exists) or the Message-IDs an email answers name. */
  named(m: SnapshotInput): Promise<NamedThread | null>;
  /** The contact's latest open incident received within `minutes` before the message. */
  recent(m: SnapshotInput, minutes: number): Promise<IncidentRow | null>;
  /** The contact's open incidents, newest first (at most three), and the newest in full. */
  open(m: SnapshotInput): Promise<NonNullable<MessageSnapshot['open']>>;
  sent(m: SnapshotInput): Promise<SentAutomatic>;
}

export async function snapshotWith(m: SnapshotInput, sources: SnapshotSources): Promise<MessageSnapshot> {
  const n = m.normalized;
  const named = n.kind === 'auto_reply' ? null : await sources.named(m);
  if (carriesNothing(m.prepared, n)) return { named, recent: null, open: null, sent: null };
  // The reporter's latest open incident of the last hours: a message without a code is usually about it.
  const recent =
    named || !mayFollowUp(m.raw, n, m.contact) ? null : await sources.recent(m, longestFollowUpMinutes(m.settings));
  const statusList = n.kind === 'status_query' && !named && n.referenceCodes.length === 0;
  const open = statusList ? await sources.open(m) : null;
  const sent = guardCounts(m.raw, m.contact) ? await sources.sent(m) : null;
  return { named, recent, open, sent };
}

/** The snapshot of one message, with its own queries. */
export async function readSnapshot(trx: DbOrTrx, m: SnapshotInput): Promise<MessageSnapshot> {
  return snapshotWith(m, {
    named: (x) => findNamedThread(trx, x.normalized, x.prepared),
    recent: (x, minutes) => findRecentOpenIncidentOf(trx, x.contactId, x.raw.receivedAt, minutes),
    open: async (x) => {
      const list = await listOpenIncidentsOf(trx, x.contactId, 3);
      const newest = list[0] ? ((await findIncidentById(trx, list[0].id)) ?? null) : null;
      return { list, newest };
    },
    sent: (x) => countSentAutomatic(trx, x.contact),
  });
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
