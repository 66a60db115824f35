/** incident_alerts: who was alerted about an incident at which escalation level; and the acknowledgement. */
import type { DbOrTrx } from '../connection';

/** Records an alert; a second one for the same person and incident is ignored (the unique key). */
export async function insertIncidentAlert(
  db: DbOrTrx,
  alert: { incidentId: string; rosterId: string; level: number; outboundId: string },
): Promise<void> {
  await insertIncidentAlerts(db, [alert]);
}

/** Many alerts in one statement (one per person and incident, as insertIncidentAlert). */
export async function insertIncidentAlerts(
  db: DbOrTrx,
  alerts: { incidentId: string; rosterId: string; level: number; outboundId: string }[],
): Promise<void> {
  if (alerts.length === 0) return;
  await db
    .insertInto('incident_alerts')
    .values(
      alerts.map((alert) => ({
        incident_id: alert.incidentId,
        roster_id: alert.rosterId,
        level: alert.level,
        outbound_message_id: alert.outboundId,
      })),
    )
    .onConflict((oc) => oc.columns(['incident_id', 'roster_id']).doNothing())
    .execute();
}

/** Everyone alerted about an incident so far, with the level of their alert. */
export async function listIncidentAlerts(
  db: DbOrTrx,
  incidentId: string,
): Promise<{ roster_id: string | null; level: number }[]> {
  return db
    .selectFrom('incident_alerts')
    .select(['roster_id', 'level'])
    .where('incident_id', '=', incidentId)
    .execute();
}

/** Marks the incident acknowledged unless it already was; true when this call did it. */
export async function markIncidentAcknowledged(db: DbOrTrx, incidentId: string, by: string): Promise<boolean> {
  const result = await db
    .updateTable('incidents')
    .set({ acknowledged_at: new Date(), acknowledged_by: by, updated_at: new Date() })
    .where('id', '=', incidentId)
    .where('acknowledged_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** The alert an outbox row carries (purpose 'alert'), to arm its escalation once it is sent. */
export async function alertOfOutbound(
  db: DbOrTrx,
  outboundId: string,
): Promise<{ incident_id: string; level: number } | undefined> {
  return db
    .selectFrom('incident_alerts')
    .select(['incident_id', 'level'])
    .where('outbound_message_id', '=', outboundId)
    .executeTakeFirst();
}

/** An incident's alerts in escalation order, with the person's name and how far the message got. */
export async function listAlertDeliveries(db: DbOrTrx, incidentId: string) {
  return db
    .selectFrom('incident_alerts as a')
    .leftJoin('duty_roster as d', 'd.id', 'a.roster_id')
    .leftJoin('outbound_messages as o', 'o.id', 'a.outbound_message_id')
    .select(['a.level', 'a.created_at', 'd.name', 'o.channel', 'o.state'])
    .where('a.incident_id', '=', incidentId)
    .orderBy('a.level')
    .orderBy('a.id')
    .execute();
}
