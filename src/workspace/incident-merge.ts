/**
 * Merging: the thread of one incident moves into another, which carries on; the merged one points at it
 * (`duplicate_of`, so later messages quoting its reference code join the survivor) and is closed as resolved.
 */
import { DomainError } from '../core/domain-error';
import type { Db } from '../db/connection';
import { writeAudit } from '../db/repos/audit-log';
import { addHistory } from '../db/repos/incident-history';
import { lockMergePair, mergeIncidentRows } from '../db/repos/incident-merge';
import type { StaffUser } from '../db/repos/users';

export async function mergeIncident(db: Db, fromId: string, intoId: string, user: StaffUser): Promise<number> {
  if (fromId === intoId)
    throw new DomainError('conflict', 'invalid_merge', 'Insiden tidak bisa digabung ke dirinya sendiri.');
  return db.transaction().execute(async (trx) => {
    const rows = await lockMergePair(trx, fromId, intoId);
    const from = rows.find((r) => r.id === fromId);
    const into = rows.find((r) => r.id === intoId);
    if (!from) throw new DomainError('not_found', 'not_found', 'Insiden tidak ditemukan.');
    if (!into) throw new DomainError('invalid', 'bad_merge', 'into: insiden tujuan tidak ditemukan');
    if (from.duplicate_of) throw new DomainError('conflict', 'invalid_merge', 'Insiden ini sudah digabung sebelumnya.');
    if (into.duplicate_of)
      throw new DomainError(
        'conflict',
        'invalid_merge',
        'Insiden tujuan sudah digabung ke insiden lain; gabungkan ke insiden itu.',
      );
    const count = await mergeIncidentRows(trx, from, intoId);
    await addHistory(trx, {
      incidentId: fromId,
      userId: user.id,
      kind: 'merge',
      from: from.status,
      to: { into: intoId },
    });
    await addHistory(trx, {
      incidentId: intoId,
      userId: user.id,
      kind: 'merged_from',
      to: { from: fromId, messages: count },
    });
    await writeAudit(trx, {
      userId: user.id,
      action: 'incident.merge',
      incidentId: fromId,
      details: { into: intoId, messages: count },
    });
    return count;
  });
}
