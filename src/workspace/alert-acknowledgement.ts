/** The officer on duty acknowledges an incident's alert from the workspace, which stops its escalation. */
import type { Db } from '../db/connection';
import { writeAudit } from '../db/repos/audit-log';
import { findIncidentById } from '../db/repos/incidents';
import type { StaffUser } from '../db/repos/users';
import { acknowledgeIncident } from '../follow-up/incident-alerts';

export interface Acknowledgement {
  /** False when someone had acknowledged it already (the first acknowledgement counts). */
  acknowledged: boolean;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
}

/** Acknowledges the incident as `user` (audited when this call did it); null when there is no such incident. */
export async function acknowledgeAlert(db: Db, incidentId: string, user: StaffUser): Promise<Acknowledgement | null> {
  if (!(await findIncidentById(db, incidentId))) return null;
  const acknowledged = await db.transaction().execute(async (trx) => {
    const done = await acknowledgeIncident(trx, incidentId, {
      name: user.name || user.email,
      userId: user.id,
      via: 'workspace',
    });
    if (done) await writeAudit(trx, { userId: user.id, action: 'incident.ack', incidentId });
    return done;
  });
  const row = await findIncidentById(db, incidentId);
  return {
    acknowledged,
    acknowledgedAt: row?.acknowledged_at?.toISOString() ?? null,
    acknowledgedBy: row?.acknowledged_by ?? null,
  };
}
