/** What follows the creation of an incident, in its transaction: its response targets and, when urgent, the alerts. */
import type { DbOrTrx } from '../db/connection';
import type { AlertContext } from './alert-context';
import { raiseAlerts } from './incident-alerts';
import { refreshDeadlines } from './incident-deadlines';

/** Returns the alert outbox rows to queue after commit. */
export async function followUpNewIncident(trx: DbOrTrx, incidentId: string, ctx: AlertContext): Promise<string[]> {
  await refreshDeadlines(trx, incidentId, ctx.settings, ctx.timezone, ctx.now);
  return raiseAlerts(trx, incidentId, ctx);
}

/** After staff changed an incident (inside that transaction): targets follow status and priority; raised → alerts. */
export async function followUpIncidentChange(
  trx: DbOrTrx,
  incidentId: string,
  changed: string[],
  ctx: AlertContext,
): Promise<string[]> {
  if (!changed.includes('status') && !changed.includes('correction.priority')) return [];
  await refreshDeadlines(trx, incidentId, ctx.settings, ctx.timezone, ctx.now);
  return changed.includes('correction.priority') ? raiseAlerts(trx, incidentId, ctx) : [];
}
