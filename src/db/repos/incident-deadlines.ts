/** An incident's milestones (verified, first answer, resolved) and its response targets. */
import { sql } from 'kysely';
import type { DbOrTrx } from '../connection';
import type { IncidentRow } from '../database';

export interface IncidentProgressRow {
  status: IncidentRow['status'];
  priority: string;
  received_at: Date;
  verified_at: Date | null;
  resolved_at: Date | null;
  /** When staff first replied to the reporter (the first outbox row of purpose 'reply'). */
  first_reply_at: Date | null;
}

export async function incidentProgress(db: DbOrTrx, incidentId: string): Promise<IncidentProgressRow | undefined> {
  return db
    .selectFrom('incidents')
    .select(['status', 'priority', 'received_at', 'verified_at', 'resolved_at'])
    .select((eb) =>
      eb
        .selectFrom('outbound_messages as o')
        .select(sql<Date>`min(o.created_at)`.as('first'))
        .whereRef('o.incident_id', '=', 'incidents.id')
        .where('o.purpose', '=', 'reply')
        .as('first_reply_at'),
    )
    .where('id', '=', incidentId)
    .executeTakeFirst();
}

export async function setIncidentDeadlines(
  db: DbOrTrx,
  incidentId: string,
  values: Pick<
    IncidentRow,
    'verified_at' | 'answered_at' | 'resolved_at' | 'verify_due_at' | 'answer_due_at' | 'resolve_due_at' | 'due_at'
  >,
): Promise<void> {
  await db.updateTable('incidents').set(values).where('id', '=', incidentId).execute();
}
