/** Internal notes on an incident: the note, its line in the history and the audit entry, in one transaction. */
import type { Db } from '../db/connection';
import { writeAudit } from '../db/repos/audit-log';
import { addHistory, addNote } from '../db/repos/incident-history';
import type { StaffUser } from '../db/repos/users';

/** Adds `user`'s note to the incident; returns the note's id. */
export async function addIncidentNote(db: Db, incidentId: string, user: StaffUser, text: string): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const noteId = await addNote(trx, { incidentId, userId: user.id, text });
    await addHistory(trx, { incidentId, userId: user.id, kind: 'note', to: { noteId } });
    await writeAudit(trx, { userId: user.id, action: 'incident.note', incidentId, details: { noteId } });
    return noteId;
  });
}
