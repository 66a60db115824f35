/** incident_history and incident_notes: what staff did on an incident. */
import type { DbOrTrx } from '../connection';

export type HistoryKind =
  | 'status'
  | 'assignment'
  | 'correction.category'
  | 'correction.priority'
  | 'correction.location'
  | 'duplicate'
  | 'merge'
  | 'merged_from'
  | 'reply'
  | 'note'
  | 'alert'
  | 'escalation'
  | 'ack'
  | 'forward'
  | 'followup.priority'
  | 'followup.location'
  | 'followup.time'
  | 'split'
  | 'split_from';

export interface HistoryEntry {
  id: string;
  at: string;
  kind: string;
  user: { id: string; name: string } | null;
  from: unknown;
  to: unknown;
}

type NewHistoryEntry = { incidentId: string; userId: string | null; kind: HistoryKind; from?: unknown; to?: unknown };

export async function addHistory(db: DbOrTrx, e: NewHistoryEntry): Promise<void> {
  await addHistories(db, [e]);
}

/** Many history entries in one statement. */
export async function addHistories(db: DbOrTrx, entries: NewHistoryEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await db
    .insertInto('incident_history')
    .values(
      entries.map((e) => ({
        incident_id: e.incidentId,
        user_id: e.userId,
        kind: e.kind,
        from_value: e.from === undefined ? null : JSON.stringify(e.from),
        to_value: e.to === undefined ? null : JSON.stringify(e.to),
      })),
    )
    .execute();
}

export async function listHistory(db: DbOrTrx, incidentId: string): Promise<HistoryEntry[]> {
  const rows = await db
    .selectFrom('incident_history')
    .leftJoin('users', 'users.id', 'incident_history.user_id')
    .select([
      'incident_history.id',
      'incident_history.at',
      'incident_history.kind',
      'incident_history.from_value',
      'incident_history.to_value',
      'incident_history.user_id',
      'users.name as user_name',
      'users.email as user_email',
    ])
    .where('incident_history.incident_id', '=', incidentId)
    .orderBy('incident_history.at')
    .orderBy('incident_history.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    at: r.at.toISOString(),
    kind: r.kind,
    user: r.user_id ? { id: r.user_id, name: r.user_name || r.user_email || '' } : null,
    from: r.from_value,
    to: r.to_value,
  }));
}

export interface Note {
  id: string;
  at: string;
  text: string;
  user: { id: string; name: string } | null;
}

export async function addNote(db: DbOrTrx, n: { incidentId: string; userId: string; text: string }): Promise<string> {
  const row = await db
    .insertInto('incident_notes')
    .values({ incident_id: n.incidentId, user_id: n.userId, body: n.text })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function listNotes(db: DbOrTrx, incidentId: string): Promise<Note[]> {
  const rows = await db
    .selectFrom('incident_notes')
    .leftJoin('users', 'users.id', 'incident_notes.user_id')
    .select([
      'incident_notes.id',
      'incident_notes.created_at',
      'incident_notes.body',
      'incident_notes.user_id',
      'users.name as user_name',
      'users.email as user_email',
    ])
    .where('incident_notes.incident_id', '=', incidentId)
    .orderBy('incident_notes.created_at')
    .orderBy('incident_notes.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    at: r.created_at.toISOString(),
    text: r.body,
    user: r.user_id ? { id: r.user_id, name: r.user_name || r.user_email || '' } : null,
  }));
}
