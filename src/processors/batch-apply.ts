/**
 * Writes the decisions of a batch's set-based lane (batch-lanes.ts) with one statement per table instead of a few
 * per message: the new incidents (ids drawn first, so that a possible duplicate created earlier in the batch is
 * linked in memory), the thread messages (with the guard's reason when an answer was kept back), the counts of the
 * threads they joined, the automatic answers, the first alerts to the people on duty about urgent new incidents,
 * and the raw messages' state. What writes more than a row or two (a follow-up changing its incident, a location
 * put on one) goes through applyDecision, message by message.
 */
import type { Priority } from '../core/normalized-message';
import type { DbOrTrx } from '../db/connection';
import type { NewIncident } from '../db/database';
import {
  addThreadMessages,
  countJoinedMessages,
  findOpenIncidentsAtPlaces,
  insertIncidentsWithFreeReferences,
  type NewBatchThreadMessage,
  reserveIncidentIds,
} from '../db/repos/incident-batch';
import { insertOutbounds, type NewOutbound } from '../db/repos/outbound-messages';
import { markRawProcessedMany } from '../db/repos/raw-messages';
import { type AlertedIncident, raiseFirstAlerts } from '../follow-up/incident-alerts';
import type { Settings } from '../settings';
import { applyDecision, inboundThreadMessage, type RecordResult, replyMessage } from './apply-decision';
import { automaticOutboundValues } from './automatic-replies';
import type { BatchMessage } from './batch-lanes';
import { newIncidentValues } from './create-incident';
import type { Decision } from './message-decision';
import { possibleDuplicates } from './possible-duplicates';
import { joinReason } from './thread-join';

export interface DecidedMessage extends BatchMessage {
  decision: Decision;
}

type NewRow = NewIncident & { id: string; reference: string; priority: Priority };

/** A new incident's row as the alert about it reads it. */
function alertedIncident(row: NewRow): AlertedIncident {
  return {
    id: row.id,
    reference: row.reference,
    category: row.category ?? null,
    priority: row.priority,
    kelurahan: row.kelurahan ?? null,
    kecamatan: row.kecamatan ?? null,
    summary: row.summary ?? '',
    title: row.title ?? '',
  };
}

/** Applies the decisions; returns each message's result, in the order given. */
export async function applyDecisions(
  trx: DbOrTrx,
  messages: DecidedMessage[],
  settings: Settings,
): Promise<RecordResult[]> {
  const results: RecordResult[] = new Array(messages.length);
  const setBased = messages.map((m) => m.decision.action === 'none' || m.decision.action === 'new_incident');

  const created = await insertNewIncidents(trx, messages, settings);
  await addToThreads(trx, messages, setBased, created);
  const answers = await writeAnswers(trx, messages, setBased, created, settings);

  // Alerts to the people on duty are not the reporter's automatic messages: the loop guard does not limit them.
  const first = messages[0]?.input;
  const alerts = first
    ? await raiseFirstAlerts(trx, [...created.values()].map(alertedIncident), {
        settings,
        timezone: first.timezone,
        publicUrl: first.publicUrl,
        now: first.now,
      })
    : new Map<string, string[]>();
  for (const [k, m] of messages.entries()) {
    if (!setBased[k]) continue;
    const incident = created.get(k);
    results[k] = {
      incidentId: incident?.id ?? m.decision.join?.incident.id ?? null,
      created: incident !== undefined,
      outboundIds: [...(answers.get(k) ?? []), ...(incident ? (alerts.get(incident.id) ?? []) : [])],
      unanswered: m.decision.reply?.withheld ?? undefined,
    };
  }
  await markRawProcessedMany(
    trx,
    messages.flatMap((m, k) =>
      setBased[k] ? [{ id: m.input.rawMessageId, kind: m.decision.kind, contactId: m.contactId }] : [],
    ),
  );
  for (const [k, m] of messages.entries()) {
    if (!setBased[k]) {
      results[k] = await applyDecision(trx, m.input, { contact: m.contact, contactId: m.contactId }, m.decision);
    }
  }
  return results;
}

/** The batch's new incidents, by message index: inserted in one statement (again for a code that was taken). */
async function insertNewIncidents(
  trx: DbOrTrx,
  messages: DecidedMessage[],
  settings: Settings,
): Promise<Map<number, NewRow>> {
  const fresh = messages.flatMap((m, k) => (m.decision.action === 'new_incident' ? [k] : []));
  const created = new Map<number, NewRow>();
  if (fresh.length === 0) return created;
  const ids = await reserveIncidentIds(trx, fresh.length);
  const placed = fresh.map((k, j) => {
    const n = messages[k]!.decision.normalized;
    return {
      id: ids[j]!,
      category: n.category,
      kelurahanCode: n.location.kelurahanCode,
      receivedAt: new Date(messages[k]!.input.raw.receivedAt),
    };
  });
  const places = placed.flatMap((p) =>
    p.category && p.kelurahanCode ? [{ category: p.category, kelurahanCode: p.kelurahanCode }] : [],
  );
  const windowMs = settings.duplicateWindowHours * 3_600_000;
  const times = placed.map((p) => p.receivedAt.getTime());
  const stored =
    places.length === 0
      ? []
      : await findOpenIncidentsAtPlaces(trx, places, {
          from: new Date(Math.min(...times) - windowMs),
          to: new Date(Math.max(...times)),
        });
  const duplicateOf = possibleDuplicates(placed, stored, settings.duplicateWindowHours);

  const rowOf = (k: number, j: number): NewRow => {
    const { input, decision, contactId } = messages[k]!;
    const values = newIncidentValues(
      {
        normalized: decision.normalized,
        channel: input.raw.channel,
        receivedAt: input.raw.receivedAt,
        contactId,
        rawMessageId: input.rawMessageId,
        body: input.prepared.body,
        settings,
        timezone: input.timezone,
        newReference: input.newReference,
      },
      input.newReference(),
      duplicateOf[j]!,
    );
    return { ...values, id: ids[j]!, reference: values.reference, priority: decision.normalized.priority };
  };
  let pending = fresh.map((k, j) => ({ k, row: rowOf(k, j), j }));
  // Codes are random: a collision is rare but possible, and the unique key decides (no look-up first).
  for (let attempt = 0; attempt < 10 && pending.length > 0; attempt++) {
    const inserted = await insertIncidentsWithFreeReferences(
      trx,
      pending.map((p) => p.row),
    );
    for (const p of pending) if (inserted.has(p.row.id)) created.set(p.k, p.row);
    pending = pending
      .filter((p) => !inserted.has(p.row.id))
      .map((p) => ({ ...p, row: { ...p.row, reference: messages[p.k]!.input.newReference() } }));
  }
  if (pending.length > 0) throw new Error('reference: no free code after 10 attempts');
  return created;
}

/** The messages' rows in their threads, one statement; then the counts of the threads they joined. */
async function addToThreads(
  trx: DbOrTrx,
  messages: DecidedMessage[],
  setBased: boolean[],
  created: Map<number, NewRow>,
): Promise<void> {
  const rows: NewBatchThreadMessage[] = [];
  const joined = new Map<string, string>();
  for (const [k, { input, decision: d }] of messages.entries()) {
    if (!setBased[k]) continue;
    const fresh = created.get(k);
    const incidentId = fresh?.id ?? d.join?.incident.id;
    if (!incidentId) continue;
    if (!fresh) joined.set(input.rawMessageId, incidentId);
    const reason = d.join && !fresh ? joinReason(d.join.by, d.join.incident, input.raw.receivedAt) : null;
    // Staff see in the thread why no answer went out, and answer by hand.
    rows.push({ ...inboundThreadMessage(input, incidentId, reason), unanswered: d.reply?.withheld ?? null });
  }
  const added = await addThreadMessages(trx, rows);
  // A new incident was inserted with its first message counted; a joined thread counts each message added.
  const counts = new Map<string, number>();
  for (const [rawMessageId, incidentId] of joined) {
    if (added.has(rawMessageId)) counts.set(incidentId, (counts.get(incidentId) ?? 0) + 1);
  }
  await countJoinedMessages(trx, counts);
}

/** The automatic answers the guard let through, one statement; their outbox ids by message index. */
async function writeAnswers(
  trx: DbOrTrx,
  messages: DecidedMessage[],
  setBased: boolean[],
  created: Map<number, NewRow>,
  settings: Settings,
): Promise<Map<number, string[]>> {
  const rows: { k: number; values: NewOutbound }[] = [];
  for (const [k, { input, decision: d, contact }] of messages.entries()) {
    if (!setBased[k] || !d.reply || d.reply.withheld) continue;
    const incident = created.get(k) ?? d.join?.incident ?? null;
    const values = automaticOutboundValues(input, contact, replyMessage(d.reply, settings, incident));
    if (values) rows.push({ k, values });
  }
  const ids = await insertOutbounds(
    trx,
    rows.map((r) => r.values),
  );
  const byMessage = new Map<number, string[]>();
  for (const { k, values } of rows) {
    const id = values.dedupe_key ? ids.get(values.dedupe_key) : undefined;
    if (id) byMessage.set(k, [id]);
  }
  return byMessage;
}
