/** What follows the creation of an incident, in its transaction: its response targets and, when urgent, the alerts. */
import type { DbOrTrx } from '../db/connection';
import type { IncidentRow } from '../db/database';
import { type AlertContext, alertWorthy } from './alert-context';
import { raiseAlerts } from './incident-alerts';
import { refreshDeadlines } from './incident-deadlines';

/**
 * Its targets were written with the insert (`newIncidentDeadlines`); an urgent (or, when so set, high) incident
 * alerts the people on duty. Returns the alert outbox rows to queue after commit.
 */
export async function followUpNewIncident(
  trx: DbOrTrx,
  incident: Pick<IncidentRow, 'id' | 'priority'>,
  ctx: AlertContext,
): Promise<string[]> {
  if (!alertWorthy(incident.priority, ctx.settings)) return [];
  return raiseAlerts(trx, incident.id, ctx);
}

/**
 * After staff changed an incident, or a reporter's follow-up raised its priority (inside that transaction): targets
 * follow status and priority; raised → alerts.
 */
export async function followUpIncidentChange(
  trx: DbOrTrx,
  incidentId: string,
  changed: string[],
  ctx: AlertContext,
): Promise<string[]> {
  const priority = changed.includes('correction.priority') || changed.includes('followup.priority');
  if (!changed.includes('status') && !priority) return [];
  await refreshDeadlines(trx, incidentId, ctx.settings, ctx.timezone, ctx.now);
  return priority ? raiseAlerts(trx, incidentId, ctx) : [];
}
