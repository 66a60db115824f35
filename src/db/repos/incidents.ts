/** incidents and their threads (incident_messages). */
import { sql } from 'kysely';
import type { Incident, IncidentStatus } from '../../core/incident';
import type { Category, Priority } from '../../core/normalized-message';
import { type ReporterRole, reporterLabel } from '../../core/registered-reporter';
import type { DbOrTrx } from '../connection';
import type { IncidentRow, IncidentUpdate, JoinReason, NewIncident, UnansweredReason } from '../database';

/** Open = still needs staff: what a possible duplicate may point to. */
export const OPEN_STATUSES: IncidentStatus[] = ['new', 'verified', 'in_progress'];

export async function insertIncident(db: DbOrTrx, values: NewIncident): Promise<IncidentRow> {
  return db.insertInto('incidents').values(values).returningAll().executeTakeFirstOrThrow();
}

/**
 * Inserts unless the reference code is taken (then undefined: draw another code). One round trip instead of a
 * look-up before each insert, and a collision does not abort the surrounding transaction.
 */
export async function insertIncidentWithFreeReference(
  db: DbOrTrx,
  values: NewIncident,
): Promise<IncidentRow | undefined> {
  return db
    .insertInto('incidents')
    .values(values)
    .onConflict((oc) => oc.column('reference').doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function findIncidentByReference(db: DbOrTrx, reference: string): Promise<IncidentRow | undefined> {
  return db.selectFrom('incidents').selectAll().where('reference', '=', reference).executeTakeFirst();
}

export async function findIncidentById(db: DbOrTrx, id: string): Promise<IncidentRow | undefined> {
  if (!/^\d{1,18}$/.test(id)) return undefined;
  return db.selectFrom('incidents').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The incident a quoted code names, or the incident it was merged into (its messages go there). */
export async function findIncidentByReferenceFollowingMerge(
  db: DbOrTrx,
  reference: string,
): Promise<IncidentRow | undefined> {
  const found = await findIncidentByReference(db, reference);
  if (!found?.duplicate_of) return found;
  return (await findIncidentById(db, found.duplicate_of)) ?? found;
}

/**
 * An open incident of the same category in the same kelurahan received within `windowHours` before `receivedAt`:
 * "possibly the same event" (staff confirm or dismiss).
 */
export async function findPossibleDuplicate(
  db: DbOrTrx,
  m: { category: string; kelurahanCode: string; receivedAt: string; windowHours: number },
): Promise<string | null> {
  const row = await db
    .selectFrom('incidents')
    .select('id')
    .where('kelurahan_code', '=', m.kelurahanCode)
    .where('category', '=', m.category)
    .where('status', 'in', OPEN_STATUSES)
    .where('duplicate_of', 'is', null)
    .where('received_at', '<=', new Date(m.receivedAt))
    .where('received_at', '>=', sql<Date>`${m.receivedAt}::timestamptz - make_interval(hours => ${m.windowHours})`)
    .orderBy('received_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.id ?? null;
}

/** The contact's latest open incident received within `minutes` before `at` (for a location sent on its own). */
export async function findRecentOpenIncidentOf(
  db: DbOrTrx,
  contactId: string,
  at: string,
  minutes: number,
): Promise<IncidentRow | null> {
  const row = await db
    .selectFrom('incidents')
    .selectAll()
    .where('contact_id', '=', contactId)
    .where('status', 'in', OPEN_STATUSES)
    .where('duplicate_of', 'is', null)
    .where('received_at', '<=', new Date(at))
    .where('received_at', '>=', sql<Date>`${at}::timestamptz - make_interval(mins => ${minutes})`)
    .orderBy('received_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ?? null;
}

/** The contact's open incidents, newest first (what "STATUS" without a code answers with). */
export async function listOpenIncidentsOf(
  db: DbOrTrx,
  contactId: string,
  limit: number,
): Promise<Pick<IncidentRow, 'id' | 'reference' | 'status'>[]> {
  return db
    .selectFrom('incidents')
    .select(['id', 'reference', 'status'])
    .where('contact_id', '=', contactId)
    .where('status', 'in', OPEN_STATUSES)
    .where('duplicate_of', 'is', null)
    .orderBy('received_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** Records on a thread message why it got no automatic answer (staff see it and answer by hand). */
export async function markUnanswered(db: DbOrTrx, rawMessageId: string, reason: UnansweredReason): Promise<void> {
  await db
    .updateTable('incident_messages')
    .set({ unanswered_reason: reason })
    .where('raw_message_id', '=', rawMessageId)
    .execute();
}

export interface NewThreadMessage {
  incidentId: string;
  rawMessageId?: string | null;
  direction: 'in' | 'out';
  channel: string;
  from?: string | null;
  to?: string | null;
  body: string;
  html?: string | null;
  emailMessageId?: string | null;
  at: string | Date;
  /** How an inbound message found this incident (none for the incident's first message). */
  joinReason?: JoinReason | null;
}

/** A thread message as its row. */
export function threadMessageRow(m: NewThreadMessage) {
  return {
    incident_id: m.incidentId,
    raw_message_id: m.rawMessageId ?? null,
    direction: m.direction,
    channel: m.channel,
    from_address: m.from ?? null,
    to_address: m.to ?? null,
    body: m.body,
    html: m.html ?? null,
    email_message_id: m.emailMessageId ?? null,
    at: m.at,
    join_reason: m.joinReason ? JSON.stringify(m.joinReason) : null,
  };
}

/**
 * Adds a message to a thread (once per raw message) and keeps the incident's count and updated_at true.
 * `counted`: the incident was inserted in this transaction with this message already in its count.
 */
export async function addThreadMessage(
  db: DbOrTrx,
  m: NewThreadMessage,
  options: { counted?: boolean } = {},
): Promise<string | null> {
  const row = await db
    .insertInto('incident_messages')
    .values(threadMessageRow(m))
    .onConflict((oc) => oc.column('raw_message_id').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!row || options.counted) return row?.id ?? null;
  await db
    .updateTable('incidents')
    .set((eb) => ({ message_count: eb('message_count', '+', 1), updated_at: sql`now()` }))
    .where('id', '=', m.incidentId)
    .execute();
  return row.id;
}

/** The incident an email answers, found through the Message-IDs of its thread (ours and the reporter's). */
export async function findIncidentByEmailMessageIds(db: DbOrTrx, messageIds: string[]): Promise<string | null> {
  if (messageIds.length === 0) return null;
  const row = await db
    .selectFrom('incident_messages')
    .select('incident_id')
    .where('email_message_id', 'in', messageIds)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.incident_id ?? null;
}

/** A row with its contact and assignee, as the API shows it. Corrections win over the machine's reading. */
export interface IncidentView extends IncidentRow {
  contact_kind: string | null;
  contact_address: string | null;
  contact_name: string | null;
  contact_phone: string | null;
  assignee_name: string | null;
  /** sql/015: the registered reporter writing from the contact's phone, if any. */
  reporter_role: ReporterRole | null;
  reporter_kelurahan: string | null;
  reporter_rt: string | null;
  reporter_rw: string | null;
}

/** The reference codes of these incidents, by id (to link to them by their code). */
export async function referencesByIds(db: DbOrTrx, ids: string[]): Promise<Record<string, string>> {
  if (ids.length === 0) return {};
  const rows = await db.selectFrom('incidents').select(['id', 'reference']).where('id', 'in', ids).execute();
  return Object.fromEntries(rows.map((r) => [r.id, r.reference]));
}

/** One incident with its contact and assignee (toIncident maps it), or undefined when there is none. */
export async function findIncidentView(db: DbOrTrx, id: string): Promise<IncidentView | undefined> {
  if (!/^\d{1,18}$/.test(id)) return undefined;
  return incidentViewQuery(db).where('incidents.id', '=', id).executeTakeFirst();
}

/** Several incidents with their contacts and assignees, in no particular order; missing ids are left out. */
export async function findIncidentViews(db: DbOrTrx, ids: string[]): Promise<IncidentView[]> {
  if (ids.length === 0) return [];
  return incidentViewQuery(db).where('incidents.id', 'in', ids).execute();
}

/** The query behind every IncidentView: list pages add their filters to it (incident-list.ts). */
export function incidentViewQuery(db: DbOrTrx) {
  return db
    .selectFrom('incidents')
    .leftJoin('contacts', 'contacts.id', 'incidents.contact_id')
    .leftJoin('users', 'users.id', 'incidents.assignee_id')
    .leftJoin('reporters', (join) =>
      join.onRef('reporters.phone', '=', 'contacts.address').on('contacts.kind', '=', 'phone'),
    )
    .selectAll('incidents')
    .select([
      'contacts.kind as contact_kind',
      'contacts.address as contact_address',
      'contacts.name as contact_name',
      'contacts.phone as contact_phone',
      'users.name as assignee_name',
      'reporters.role as reporter_role',
      'reporters.kelurahan as reporter_kelurahan',
      'reporters.rt as reporter_rt',
      'reporters.rw as reporter_rw',
    ]);
}

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

/** The one row-to-domain mapping for incidents. */
export function toIncident(row: IncidentView): Incident {
  return {
    id: row.id,
    reference: row.reference,
    status: row.status,
    channel: row.channel as Incident['channel'],
    category: row.category as Category | null,
    priority: row.priority as Priority,
    title: row.title,
    summary: row.summary,
    location: {
      kecamatan: row.kecamatan,
      kecamatanCode: row.kecamatan_code,
      kelurahan: row.kelurahan,
      kelurahanCode: row.kelurahan_code,
      rt: row.rt,
      rw: row.rw,
      street: row.street,
      text: row.location_text,
      latitude: row.latitude,
      longitude: row.longitude,
    },
    occurredAt: iso(row.occurred_at),
    receivedAt: row.received_at.toISOString(),
    reporter: {
      name: row.contact_name,
      phone: row.contact_kind === 'phone' ? row.contact_address : row.contact_phone,
      email: row.contact_kind === 'email' ? row.contact_address : null,
      registered:
        row.reporter_role && row.reporter_kelurahan
          ? reporterLabel({
              role: row.reporter_role,
              kelurahan: row.reporter_kelurahan,
              rt: row.reporter_rt,
              rw: row.reporter_rw,
            })
          : null,
    },
    messageCount: row.message_count,
    assignee: row.assignee_id ? { id: row.assignee_id, name: row.assignee_name ?? '' } : null,
    possibleDuplicateOf: row.possible_duplicate_of,
    dueAt: iso(row.due_at),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** The incident row, locked for the rest of the transaction (null when there is none). */
export async function lockIncident(db: DbOrTrx, id: string): Promise<IncidentRow | null> {
  return (await db.selectFrom('incidents').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()) ?? null;
}

/** Sets machine-read fields of an incident (a reporter's follow-up filling in or raising them). */
export async function updateIncidentFields(db: DbOrTrx, id: string, update: IncidentUpdate): Promise<void> {
  await db
    .updateTable('incidents')
    .set({ ...update, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

/**
 * Puts a location message's coordinates on an incident that has none, unless staff corrected its location.
 * The address and label join the location text; the kelurahan is never guessed from coordinates.
 */
export async function addIncidentCoordinates(
  db: DbOrTrx,
  id: string,
  place: { latitude: number; longitude: number; text: string | null },
): Promise<void> {
  await db
    .updateTable('incidents')
    .set({
      latitude: place.latitude,
      longitude: place.longitude,
      location_text: sql<string>`concat_ws(' · ', nullif(location_text, ''), ${place.text}::text)`,
      updated_at: sql`now()`,
    })
    .where('id', '=', id)
    .where('latitude', 'is', null)
    .where(sql<boolean>`not (corrections ? 'location')`)
    .execute();
}

/** The incident a stored message created (what `halo replay` refreshes), with the groups staff corrected. */
export async function findIncidentCreatedBy(
  db: DbOrTrx,
  rawMessageId: string,
): Promise<Pick<IncidentRow, 'id' | 'corrections'> | undefined> {
  return db
    .selectFrom('incidents')
    .select(['id', 'corrections'])
    .where('first_raw_message_id', '=', rawMessageId)
    .executeTakeFirst();
}

/** Writes a refreshed machine reading (a replay); unlike a follow-up, it does not count as a change to the incident. */
export async function setIncidentReading(db: DbOrTrx, id: string, update: IncidentUpdate): Promise<void> {
  await db.updateTable('incidents').set(update).where('id', '=', id).execute();
}
