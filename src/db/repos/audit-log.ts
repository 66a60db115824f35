/** audit_log: who did what, when. Written in the same transaction as the change it records. */
import type { DbOrTrx } from '../connection';

export async function writeAudit(
  db: DbOrTrx,
  entry: { userId: string | null; action: string; incidentId?: string | null; details?: Record<string, unknown> },
): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      user_id: entry.userId,
      action: entry.action,
      incident_id: entry.incidentId ?? null,
      details: JSON.stringify(entry.details ?? {}),
    })
    .execute();
}
