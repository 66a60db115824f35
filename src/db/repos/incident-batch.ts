/**
 * Set-based reads and writes of incidents and their threads for the batched inbound writer
 * (src/processors/inbound-batch.ts): one statement for a whole batch where the per-message path issues one per
 * message.
 */
import { sql } from 'kysely';
import type { DbOrTrx } from '../connection';
import type { IncidentRow, NewIncident, UnansweredReason } from '../database';
import { type NewThreadMessage, OPEN_STATUSES, threadMessageRow } from './incidents';

/**
 * Draws ids for incidents about to be inserted, from the table's own sequence: the batch then knows every new
 * incident's id before the insert, and links a possible duplicate to one created earlier in the same batch.
 */
export async function reserveIncidentIds(db: DbOrTrx, count: number): Promise<string[]> {
  if (count === 0) return [];
  const { rows } = await sql<{ id: string }>`
    select nextval(pg_get_serial_sequence('incidents', 'id'))::text as id from generate_series(1, ${count})`.execute(
    db,
  );
  return rows.map((r) => r.id);
}

/**
 * Inserts incidents with the ids reserved for them, each unless its reference code is taken; returns the ids that
 * were inserted (the others draw another code and come again). Codes are random: a collision is rare.
 */
export async function insertIncidentsWithFreeReferences(
  db: DbOrTrx,
  rows: (NewIncident & { id: string })[],
): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  const inserted = await db
    .insertInto('incidents')
    // The id column is the sequence's to fill; here the batch drew the values from it first (reserveIncidentIds).
    .values(rows as NewIncident[])
    .onConflict((oc) => oc.column('reference').doNothing())
    .returning('id')
    .execute();
  return new Set(inserted.map((r) => r.id));
}

/**
 * The open incidents of these contacts received in [from, to], newest first: what the batch picks each message's
 * "recent open incident of the reporter" from.
 */
export async function findOpenIncidentsOfContacts(
  db: DbOrTrx,
  contactIds: string[],
  range: { from: Date; to: Date },
): Promise<IncidentRow[]> {
  if (contactIds.length === 0) return [];
  return db
    .selectFrom('incidents')
    .selectAll()
    .where('contact_id', 'in', [...new Set(contactIds)])
    .where('status', 'in', OPEN_STATUSES)
    .where('duplicate_of', 'is', null)
    .where('received_at', '>=', range.from)
    .where('received_at', '<=', range.to)
    .orderBy('received_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

export type PlacedIncident = Pick<IncidentRow, 'id' | 'category' | 'kelurahan_code' | 'received_at'>;

/**
 * Open incidents of these categories in these kelurahan received in [from, to], newest first: the candidates
 * for the "possibly the same event" link of a batch's new incidents (findPossibleDuplicate, for many).
 */
export async function findOpenIncidentsAtPlaces(
  db: DbOrTrx,
  places: { category: string; kelurahanCode: string }[],
  range: { from: Date; to: Date },
): Promise<PlacedIncident[]> {
  if (places.length === 0) return [];
  const { rows } = await sql<PlacedIncident>`
    select i.id::text as id, i.category, i.kelurahan_code, i.received_at
      from incidents i
      join (select distinct * from unnest(${places.map((p) => p.category)}::text[],
                                          ${places.map((p) => p.kelurahanCode)}::text[])) as p(category, kelurahan_code)
        on i.category = p.category and i.kelurahan_code = p.kelurahan_code
     where i.status in (${sql.join(OPEN_STATUSES)})
       and i.duplicate_of is null
       and i.received_at between ${range.from} and ${range.to}
     order by i.received_at desc, i.id desc`.execute(db);
  return rows;
}

export interface NewBatchThreadMessage extends Omit<NewThreadMessage, 'rawMessageId'> {
  rawMessageId: string;
  /** Why the message got no automatic answer (the loop and cost guard), written with the row. */
  unanswered: UnansweredReason | null;
}

/**
 * Adds many inbound messages to threads in one statement (once per raw message, as addThreadMessage); returns the
 * raw message ids that were added. The incidents' counts are the caller's: countJoinedMessages.
 */
export async function addThreadMessages(db: DbOrTrx, messages: NewBatchThreadMessage[]): Promise<Set<string>> {
  if (messages.length === 0) return new Set();
  const rows = await db
    .insertInto('incident_messages')
    .values(messages.map((m) => ({ ...threadMessageRow(m), unanswered_reason: m.unanswered })))
    .onConflict((oc) => oc.column('raw_message_id').doNothing())
    .returning('raw_message_id')
    .execute();
  return new Set(rows.map((r) => String(r.raw_message_id)));
}

/** Adds messages that joined existing incidents to their counts (and updated_at), one statement for all. */
export async function countJoinedMessages(db: DbOrTrx, added: Map<string, number>): Promise<void> {
  if (added.size === 0) return;
  const ids = [...added.keys()];
  await sql`
    update incidents i
       set message_count = i.message_count + v.added, updated_at = now()
      from unnest(${ids}::bigint[], ${ids.map((id) => added.get(id))}::int[]) as v(id, added)
     where i.id = v.id`.execute(db);
}

/** The incidents with these reference codes (a merged one too: its survivor is the caller's to follow). */
export async function findIncidentsByReferences(db: DbOrTrx, references: string[]): Promise<IncidentRow[]> {
  if (references.length === 0) return [];
  return db
    .selectFrom('incidents')
    .selectAll()
    .where('reference', 'in', [...new Set(references)])
    .execute();
}

export async function findIncidentsByIds(db: DbOrTrx, ids: string[]): Promise<IncidentRow[]> {
  const valid = [...new Set(ids)].filter((id) => /^\d{1,18}$/.test(id));
  if (valid.length === 0) return [];
  return db.selectFrom('incidents').selectAll().where('id', 'in', valid).execute();
}

/** The thread messages carrying these email Message-IDs (ours and reporters'), newest first. */
export async function findThreadMessagesByEmailIds(
  db: DbOrTrx,
  messageIds: string[],
): Promise<{ email_message_id: string; incident_id: string }[]> {
  if (messageIds.length === 0) return [];
  const rows = await db
    .selectFrom('incident_messages')
    .select(['email_message_id', 'incident_id'])
    .where('email_message_id', 'in', [...new Set(messageIds)])
    .orderBy('id', 'desc')
    .execute();
  return rows.map((r) => ({ email_message_id: r.email_message_id ?? '', incident_id: r.incident_id }));
}
