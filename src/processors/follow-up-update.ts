/**
 * What a joined follow-up may change on its incident, as the system's doing (history entries without a user):
 * it raises the priority (never lowers it) and fills an empty place or time. A group staff corrected is never
 * touched, and nothing the first message said is overwritten.
 */
import { type NormalizedMessage, PRIORITIES } from '../core/normalized-message';
import type { DbOrTrx } from '../db/connection';
import type { IncidentRow, IncidentUpdate } from '../db/database';
import { addHistory, type HistoryKind } from '../db/repos/incident-history';
import { updateIncidentFields } from '../db/repos/incidents';
import { machineFields } from './incident-fields';

/** Lower is more urgent. */
const rank = (p: string) => PRIORITIES.indexOf(p as (typeof PRIORITIES)[number]);

/** Applies the follow-up's reading to the (locked) incident; returns the history kinds written. */
export async function applyFollowUp(trx: DbOrTrx, incident: IncidentRow, n: NormalizedMessage): Promise<HistoryKind[]> {
  const corrected = incident.corrections as Record<string, unknown>;
  const update: IncidentUpdate = {};
  const history: { kind: HistoryKind; from: unknown; to: unknown }[] = [];

  if (!('priority' in corrected) && rank(n.priority) < rank(incident.priority)) {
    update.priority = n.priority;
    history.push({ kind: 'followup.priority', from: incident.priority, to: n.priority });
  }
  if (!('location' in corrected) && !incident.kelurahan_code && n.location.kelurahanCode) {
    const { latitude: _lat, longitude: _lon, ...place } = machineFields(n).location;
    // A location text or coordinates already there (a WhatsApp location) stay; the follow-up adds the kelurahan.
    Object.assign(update, place, {
      location_text: incident.location_text ?? place.location_text,
      rt: incident.rt ?? place.rt,
      rw: incident.rw ?? place.rw,
      street: incident.street ?? place.street,
    });
    history.push({ kind: 'followup.location', from: null, to: { kelurahan: n.location.kelurahan } });
  }
  if (!incident.occurred_at && n.occurredAt) {
    update.occurred_at = n.occurredAt;
    history.push({ kind: 'followup.time', from: null, to: n.occurredAt });
  }
  if (history.length === 0) return [];
  await updateIncidentFields(trx, incident.id, update);
  for (const h of history) await addHistory(trx, { incidentId: incident.id, userId: null, ...h });
  return history.map((h) => h.kind);
}
