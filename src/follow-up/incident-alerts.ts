/**
 * Alerts to the people on duty, written as outbox rows (purpose 'alert') in the caller's transaction. The first
 * alert (level 0) goes to everyone on duty at that moment; each escalation (level 1, 2, …) to the next person of the
 * roster. One alert per person and incident (incident_alerts' unique key and the row's dedupe_key), so several
 * processes, retried jobs and replays never alert anyone twice.
 */
import type { DbOrTrx } from '../db/connection';
import type { IncidentRow } from '../db/database';
import { type DutyEntry, listDuty } from '../db/repos/duty-roster';
import {
  insertIncidentAlert,
  insertIncidentAlerts,
  listIncidentAlerts,
  markIncidentAcknowledged,
} from '../db/repos/incident-alerts';
import { addHistories, addHistory } from '../db/repos/incident-history';
import { lockIncident } from '../db/repos/incidents';
import { insertOutbound, insertOutbounds, type NewOutbound } from '../db/repos/outbound-messages';
import { type AlertContext, alertWorthy, transportFor } from './alert-context';
import { alertText } from './alert-text';
import { nextToEscalate, onDutyAt } from './on-duty';

/** The address of a person on their preferred channel, falling back to what they have. */
export function dutyAddress(p: DutyEntry): { channel: 'sms' | 'whatsapp' | 'email'; to: string } | null {
  const by = {
    sms: p.phone,
    whatsapp: p.whatsapp ?? p.phone,
    email: p.email,
  } as const;
  const preferred = by[p.channel];
  if (preferred) return { channel: p.channel, to: preferred };
  for (const channel of ['whatsapp', 'sms', 'email'] as const) {
    const to = by[channel];
    if (to) return { channel, to };
  }
  return null;
}

/** Whether alerts about this incident should (still) go out. */
function stillNeedsAlert(incident: IncidentRow, ctx: AlertContext): boolean {
  return (
    alertWorthy(incident.priority, ctx.settings) &&
    !incident.acknowledged_at &&
    !incident.duplicate_of &&
    (incident.status === 'new' || incident.status === 'verified' || incident.status === 'in_progress')
  );
}

/** What an alert needs to know of its incident. */
export type AlertedIncident = Pick<
  IncidentRow,
  'id' | 'reference' | 'category' | 'priority' | 'kelurahan' | 'kecamatan' | 'summary' | 'title'
>;

/** The outbox row of an alert to one person, or null when they have no address. */
function alertOutboundValues(
  incident: AlertedIncident,
  person: DutyEntry,
  level: number,
  ctx: AlertContext,
): NewOutbound | null {
  const address = dutyAddress(person);
  if (!address) return null;
  return {
    dedupe_key: `alert:${incident.id}:${person.id}:${level}`,
    incident_id: incident.id,
    purpose: 'alert',
    channel: address.channel,
    transport: transportFor(address.channel, ctx.settings),
    to_address: address.to,
    subject: address.channel === 'email' ? `[${incident.reference}] Peringatan laporan ${incident.priority}` : null,
    body: alertText({
      reference: incident.reference,
      category: incident.category,
      priority: incident.priority,
      kelurahan: incident.kelurahan,
      kecamatan: incident.kecamatan,
      text: incident.summary || incident.title,
      link: `${ctx.publicUrl}/incidents/${incident.id}`,
      level,
      escalationMinutes: ctx.settings.escalationMinutes,
    }),
  };
}

async function alertPerson(
  trx: DbOrTrx,
  incident: AlertedIncident,
  person: DutyEntry,
  level: number,
  ctx: AlertContext,
): Promise<string | null> {
  const values = alertOutboundValues(incident, person, level, ctx);
  const outboundId = values ? await insertOutbound(trx, values) : null;
  if (!outboundId) return null;
  await insertIncidentAlert(trx, { incidentId: incident.id, rosterId: person.id, level, outboundId });
  return outboundId;
}

/** Who gets an incident's first alert: everyone on duty now (roster order); nobody on duty → the first of the roster. */
function firstAlerted(roster: DutyEntry[], ctx: AlertContext): DutyEntry[] {
  const onDuty = onDutyAt(roster, ctx.now, ctx.timezone);
  const first = nextToEscalate(roster, new Set(), ctx.now, ctx.timezone);
  return onDuty.length ? onDuty : first ? [first] : [];
}

/**
 * The first alerts of incidents created in this transaction (a batch of new reports): one read of the roster and
 * one statement per table for all of them. New incidents are unacknowledged, open and alerted by nobody yet, so
 * only their priority decides. Returns the outbox rows to queue, by incident id.
 */
export async function raiseFirstAlerts(
  trx: DbOrTrx,
  incidents: AlertedIncident[],
  ctx: AlertContext,
): Promise<Map<string, string[]>> {
  const byIncident = new Map<string, string[]>();
  const worthy = incidents.filter((i) => alertWorthy(i.priority, ctx.settings));
  if (worthy.length === 0) return byIncident;
  const people = firstAlerted(await listDuty(trx, { activeOnly: true }), ctx);
  const alerts = worthy.flatMap((incident) =>
    people.flatMap((person) => {
      const values = alertOutboundValues(incident, person, 0, ctx);
      return values ? [{ incident, person, values }] : [];
    }),
  );
  const ids = await insertOutbounds(
    trx,
    alerts.map((a) => a.values),
  );
  const written = alerts.flatMap((a) => {
    const outboundId = a.values.dedupe_key ? ids.get(a.values.dedupe_key) : undefined;
    return outboundId ? [{ incidentId: a.incident.id, rosterId: a.person.id, level: 0, outboundId }] : [];
  });
  await insertIncidentAlerts(trx, written);
  for (const w of written) byIncident.set(w.incidentId, [...(byIncident.get(w.incidentId) ?? []), w.outboundId]);
  await addHistories(
    trx,
    [...byIncident.keys()].map((incidentId) => ({
      incidentId,
      userId: null,
      kind: 'alert' as const,
      to: { level: 0, people: people.map((p) => p.name) },
    })),
  );
  return byIncident;
}

/**
 * The first alert of an incident: everyone on duty now (roster order); nobody on duty → the first of the roster.
 * Does nothing when the incident does not call for one or was alerted before. Returns the outbox rows to queue.
 */
export async function raiseAlerts(trx: DbOrTrx, incidentId: string, ctx: AlertContext): Promise<string[]> {
  const incident = await lockIncident(trx, incidentId);
  if (!incident || !stillNeedsAlert(incident, ctx)) return [];
  if ((await listIncidentAlerts(trx, incidentId)).length > 0) return [];
  const people = firstAlerted(await listDuty(trx, { activeOnly: true }), ctx);
  const ids: string[] = [];
  for (const person of people) {
    const id = await alertPerson(trx, incident, person, 0, ctx);
    if (id) ids.push(id);
  }
  if (ids.length) {
    await addHistory(trx, {
      incidentId,
      userId: null,
      kind: 'alert',
      to: { level: 0, people: people.map((p) => p.name) },
    });
  }
  return ids;
}

export type EscalationOutcome = 'escalated' | 'acknowledged_or_closed' | 'already_escalated' | 'roster_exhausted';

/**
 * The escalation timer of `level` fired: unless the incident was acknowledged (or closed, or lowered) meanwhile, or
 * a later level exists already, the next person of the roster is alerted at level + 1.
 */
export async function escalate(
  trx: DbOrTrx,
  incidentId: string,
  level: number,
  ctx: AlertContext,
): Promise<{ outcome: EscalationOutcome; outboundIds: string[] }> {
  const incident = await lockIncident(trx, incidentId);
  if (!incident || !stillNeedsAlert(incident, ctx)) return { outcome: 'acknowledged_or_closed', outboundIds: [] };
  const alerts = await listIncidentAlerts(trx, incidentId);
  if (alerts.some((a) => a.level > level)) return { outcome: 'already_escalated', outboundIds: [] };
  const alerted = new Set(alerts.map((a) => a.roster_id).filter((id): id is string => id !== null));
  const roster = await listDuty(trx, { activeOnly: true });
  const next = nextToEscalate(roster, alerted, ctx.now, ctx.timezone);
  if (!next) return { outcome: 'roster_exhausted', outboundIds: [] };
  const id = await alertPerson(trx, incident, next, level + 1, ctx);
  await addHistory(trx, { incidentId, userId: null, kind: 'escalation', to: { level: level + 1, person: next.name } });
  return { outcome: 'escalated', outboundIds: id ? [id] : [] };
}

/** Records the acknowledgement (the first one counts); true when this call acknowledged it. */
export async function acknowledgeIncident(
  trx: DbOrTrx,
  incidentId: string,
  by: { name: string; userId: string | null; via: string },
): Promise<boolean> {
  if (!(await markIncidentAcknowledged(trx, incidentId, by.name))) return false;
  await addHistory(trx, { incidentId, userId: by.userId, kind: 'ack', to: { by: by.name, via: by.via } });
  return true;
}
