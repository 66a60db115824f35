/**
 * The transaction body of the normalize processor: decides what a normalized message becomes (new incident,
 * message in an existing thread — named by a code or an email reply, or a follow-up of the reporter's open
 * incident —, status answer, answer to a question, nothing) and writes it with its outbox rows
 * (docs/conversations.md).
 */
import { sql } from 'kysely';
import type { NormalizedMessage } from '../core/normalized-message';
import type { PreparedMessage } from '../core/prepared-message';
import type { RawMessage } from '../core/raw-message';
import type { DbOrTrx } from '../db/connection';
import type { IncidentRow, JoinReason, UnansweredReason } from '../db/database';
import { writeAttachments } from '../db/repos/attachments';
import { writeAudit } from '../db/repos/audit-log';
import { type ContactKey, upsertContact } from '../db/repos/contacts';
import {
  addThreadMessage,
  findIncidentByEmailMessageIds,
  findIncidentById,
  findIncidentByReference,
  findRecentOpenIncidentOf,
  listOpenIncidentsOf,
  lockIncident,
  markUnanswered,
} from '../db/repos/incidents';
import { markRawProcessed, rawMessageInThread } from '../db/repos/raw-messages';
import { followUpIncidentChange, followUpNewIncident } from '../follow-up/new-incident';
import { recordStaffMessage } from '../follow-up/staff-messages';
import { ackText, helpText, statusAnswerText, statusListText } from '../outbound/reporter-texts';
import type { Settings } from '../settings';
import { type AutomaticMessage, queueAutomatic } from './automatic-replies';
import { createIncident } from './create-incident';
import { applyFollowUp } from './follow-up-update';
import { refreshUpdate } from './incident-fields';
import { staffCorrections, withStaffFields } from './staff-entry';
import { joinReason, joinsThread } from './thread-join';

export interface RecordInput {
  raw: RawMessage;
  rawMessageId: string;
  prepared: PreparedMessage;
  normalized: NormalizedMessage;
  settings: Settings;
  ackReplies: boolean;
  replay: boolean;
  now: Date;
  newReference: () => string;
  /** TIMEZONE and PUBLIC_URL, for response targets and the link in alerts to the people on duty. */
  timezone: string;
  publicUrl: string;
}

export interface RecordResult {
  incidentId: string | null;
  created: boolean;
  outboundIds: string[];
  /** The loop and cost guard kept the automatic answer back (shown in the thread when there is one). */
  unanswered?: UnansweredReason;
}

export function contactKeyOf(n: NormalizedMessage, raw: RawMessage): ContactKey {
  // By e-mail, the sender's address is the contact (acknowledgements and replies go there); a phone number written
  // in the signature is a second way to reach them.
  if (raw.channel === 'email' && n.reporter.email) {
    return { kind: 'email', address: n.reporter.email.toLowerCase(), name: n.reporter.name, phone: n.reporter.phone };
  }
  if (n.reporter.phone) return { kind: 'phone', address: n.reporter.phone, name: n.reporter.name };
  if (n.reporter.email) return { kind: 'email', address: n.reporter.email.toLowerCase(), name: n.reporter.name };
  return { kind: 'other', address: raw.from.trim() || 'unknown', name: n.reporter.name };
}

export async function recordNormalizedMessage(trx: DbOrTrx, given: RecordInput): Promise<RecordResult> {
  // Staff decided that what they typed is a report and confirmed its fields: their reading replaces the machine's.
  const input = given.raw.staffEntry
    ? { ...given, normalized: withStaffFields(given.normalized, given.raw.staffEntry) }
    : given;
  const { raw, rawMessageId, normalized: n, prepared } = input;
  // Serialize with any other worker holding the same message (a replay racing a redelivery).
  const locked = await trx
    .selectFrom('raw_messages')
    .select('state')
    .where('id', '=', rawMessageId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  const none: RecordResult = { incidentId: null, created: false, outboundIds: [] };
  const converting = raw.staffEntry?.fromStoredMessage === true;
  if (locked.state !== 'received' && !input.replay && !converting) return none;
  // A message turned into a report once is never turned into a second one (a double click, a retried job).
  if (converting && (await rawMessageInThread(trx, rawMessageId))) return none;

  // A WhatsApp location sent on its own carries no words, so the normalizer calls it noise; but it is where the
  // same person's report happens (WhatsApp sends the location and the text as two messages).
  const locationOnly = Boolean(prepared.input.geo) && n.kind === 'noise';
  const contact = contactKeyOf(n, raw);
  const contactId = await upsertContact(trx, contact, { at: raw.receivedAt, channel: raw.channel });
  const done = (kind: string = locationOnly ? 'report' : n.kind) =>
    markRawProcessed(trx, rawMessageId, { kind, contactId });

  if (input.replay) return replay(trx, input, () => done());

  const thread = (incidentId: string, joinReason: JoinReason | null, counted = false) =>
    addThreadMessage(
      trx,
      {
        incidentId,
        rawMessageId,
        direction: 'in',
        channel: raw.channel,
        from: raw.from,
        to: raw.to ?? null,
        body: prepared.body,
        html: prepared.html,
        emailMessageId: prepared.emailMessageId ?? null,
        at: raw.receivedAt,
        joinReason,
      },
      { counted },
    );
  const join = (found: IncidentRow, by: JoinReason['by']) =>
    attach(trx, (id) => thread(id, joinReason(by, found, raw.receivedAt)), found.id, rawMessageId, prepared);
  // An officer's "OK HK-…" or a stakeholder's answer to a forward, before the reading decides (issue 9).
  const staff = raw.staffEntry
    ? null
    : await recordStaffMessage(trx, {
        raw,
        rawMessageId,
        prepared,
        normalized: n,
        attach: (incidentId) => attach(trx, (id) => thread(id, null), incidentId, rawMessageId, prepared),
      });
  if (staff) {
    await done(staff.kind);
    return { incidentId: staff.incidentId, created: false, outboundIds: staff.outboundIds };
  }

  if (n.kind === 'auto_reply' || (n.kind === 'noise' && !locationOnly)) {
    // "Terima kasih" in answer to our email carries nothing to act on, but staff following the thread should see it.
    const answered = n.kind === 'noise' ? await findThread(trx, n, prepared) : null;
    if (answered) await join(answered.incident, answered.by);
    await done();
    return { ...none, incidentId: answered?.incident.id ?? null };
  }

  const named = await findThread(trx, n, prepared);
  // The reporter's latest open incident of the last hours: a message without a code is usually about it.
  // A report filed through a form (the RT heads' app, a partner system) was filed as a new report on purpose:
  // it joins a thread only by a quoted code, never as a conversation's follow-up.
  const filedAsNew = raw.channel === 'app' || raw.channel === 'open311';
  const recent =
    named || contact.kind === 'other' || n.kind === 'status_query' || filedAsNew
      ? null
      : await findRecentOpenIncidentOf(
          trx,
          contactId,
          raw.receivedAt,
          locationOnly ? input.settings.locationFollowUpMinutes : input.settings.threadWindowHours * 60,
        );
  const outboundIds: string[] = [];
  let unanswered: UnansweredReason | undefined;
  const auto = async (m: AutomaticMessage, inThread: boolean) => {
    const outcome = await queueAutomatic(trx, input, contact, m);
    if ('queued' in outcome) {
      if (outcome.queued) outboundIds.push(outcome.queued);
      return;
    }
    unanswered = outcome.withheld;
    if (inThread) await markUnanswered(trx, rawMessageId, outcome.withheld);
  };

  if (n.kind === 'status_query') {
    const answer = await statusAnswer(trx, input, contactId, named);
    if (answer.incident) await join(answer.incident, answer.by);
    await auto(answer.message, answer.incident !== null);
    await done();
    return { incidentId: answer.incident?.id ?? null, created: false, outboundIds, unanswered };
  }

  if (n.kind === 'question') {
    // Answered with the help text, never with a report's acknowledgement; staff see it in the open thread, if any.
    const target = named?.incident ?? recent;
    if (target) await join(target, named?.by ?? 'follow_up');
    const topic = n.questionTopic ?? 'how_to_report';
    await auto(
      { purpose: 'question_answer', body: helpText(input.settings, topic), incidentId: target?.id ?? null },
      target !== null,
    );
    await done();
    return { incidentId: target?.id ?? null, created: false, outboundIds, unanswered };
  }

  if (named) {
    await join(named.incident, named.by);
    await done();
    return { incidentId: named.incident.id, created: false, outboundIds };
  }
  if (recent && locationOnly) {
    await join(recent, 'location');
    await addCoordinates(trx, recent.id, n);
    await done();
    return { incidentId: recent.id, created: false, outboundIds };
  }
  if (recent && joinsThread(recent, n, prepared.body)) {
    await join(recent, 'follow_up');
    outboundIds.push(...(await followUp(trx, input, recent.id)));
    await done();
    return { incidentId: recent.id, created: false, outboundIds };
  }

  const incident = await createIncident(trx, {
    normalized: locationOnly ? { ...n, kind: 'report', priority: 'normal' } : n,
    channel: raw.channel,
    receivedAt: raw.receivedAt,
    contactId,
    rawMessageId,
    body: prepared.body,
    settings: input.settings,
    timezone: input.timezone,
    newReference: input.newReference,
    corrections: raw.staffEntry ? staffCorrections(raw.staffEntry, raw.receivedAt) : undefined,
  });
  if (raw.staffEntry) {
    await writeAudit(trx, {
      userId: raw.staffEntry.userId,
      action: 'incident.create',
      incidentId: incident.id,
      details: { channel: raw.channel, submissionId: raw.externalId, sendCode: raw.staffEntry.sendCode },
    });
  }
  // Inserted with its first message counted: the thread needs no second write to the incident.
  await attach(trx, (id) => thread(id, null, true), incident.id, rawMessageId, prepared);
  // A report staff typed in is acknowledged only when staff ask for it (the code by SMS).
  if (raw.staffEntry ? raw.staffEntry.sendCode : input.ackReplies) {
    await auto(
      {
        purpose: 'ack',
        body: ackText(input.settings, incident.reference),
        incidentId: incident.id,
        reference: incident.reference,
      },
      true,
    );
  }
  // Alerts to the people on duty are not the reporter's automatic messages: the loop guard does not limit them.
  outboundIds.push(
    ...(await followUpNewIncident(trx, incident, {
      settings: input.settings,
      timezone: input.timezone,
      publicUrl: input.publicUrl,
      now: input.now,
    })),
  );
  await done();
  return { incidentId: incident.id, created: true, outboundIds, unanswered };
}

/**
 * A joined follow-up may raise the priority and fill an empty place or time (src/processors/follow-up-update.ts);
 * a raised priority moves the response targets and may alert the people on duty. Returns the alert rows.
 */
async function followUp(trx: DbOrTrx, input: RecordInput, incidentId: string): Promise<string[]> {
  const incident = await lockIncident(trx, incidentId);
  if (!incident) return [];
  const changed = await applyFollowUp(trx, incident, input.normalized);
  return followUpIncidentChange(trx, incidentId, changed, {
    settings: input.settings,
    timezone: input.timezone,
    publicUrl: input.publicUrl,
    now: input.now,
  });
}

/**
 * The answer to a status query. A quoted code: only the phone or address that reported may learn its status;
 * everyone else gets the neutral answer (no probing). No code ("STATUS"): the number's open reports, newest first.
 */
async function statusAnswer(
  trx: DbOrTrx,
  input: RecordInput,
  contactId: string,
  named: FoundThread | null,
): Promise<{ incident: IncidentRow | null; by: JoinReason['by']; message: AutomaticMessage }> {
  const { settings, normalized: n } = input;
  if (named || n.referenceCodes.length > 0) {
    const own = named !== null && named.incident.contact_id === contactId;
    return {
      incident: named?.incident ?? null,
      by: named?.by ?? 'reference',
      message: {
        purpose: 'status_answer',
        body: own ? statusAnswerText(settings, named.incident, null) : settings.statusNotFoundText,
        incidentId: named?.incident.id ?? null,
        reference: own ? named.incident.reference : undefined,
      },
    };
  }
  const open = await listOpenIncidentsOf(trx, contactId, 3);
  const newest = open[0] ? ((await findIncidentById(trx, open[0].id)) ?? null) : null;
  return {
    incident: newest,
    by: 'status',
    message: { purpose: 'status_answer', body: statusListText(settings, open), incidentId: newest?.id ?? null },
  };
}

async function attach(
  trx: DbOrTrx,
  thread: (incidentId: string) => Promise<string | null>,
  incidentId: string,
  rawMessageId: string,
  prepared: PreparedMessage,
): Promise<void> {
  const messageId = await thread(incidentId);
  if (messageId) await writeAttachments(trx, rawMessageId, messageId, prepared.attachments);
}

interface FoundThread {
  incident: IncidentRow;
  by: 'reference' | 'email_reply';
}

/** A quoted reference code, or (email) the Message-IDs it answers, name the incident a message belongs to. */
async function findThread(trx: DbOrTrx, n: NormalizedMessage, prepared: PreparedMessage): Promise<FoundThread | null> {
  for (const code of n.referenceCodes) {
    const found = await findIncidentByReference(trx, code);
    if (found)
      return { incident: found.duplicate_of ? ((await followMerge(trx, found)) ?? found) : found, by: 'reference' };
  }
  const byMail = await findIncidentByEmailMessageIds(trx, prepared.inReplyTo ?? []);
  if (!byMail) return null;
  const incident = await trx.selectFrom('incidents').selectAll().where('id', '=', byMail).executeTakeFirst();
  return incident ? { incident, by: 'email_reply' } : null;
}

/** A merged incident's messages go to the incident it was merged into. */
async function followMerge(trx: DbOrTrx, incident: IncidentRow): Promise<IncidentRow | undefined> {
  if (!incident.duplicate_of) return incident;
  return trx.selectFrom('incidents').selectAll().where('id', '=', incident.duplicate_of).executeTakeFirst();
}

/**
 * Puts a location message's coordinates on an incident that has none, unless staff corrected its location.
 * The address and label join the location text; the kelurahan is never guessed from coordinates.
 */
async function addCoordinates(trx: DbOrTrx, incidentId: string, n: NormalizedMessage): Promise<void> {
  if (n.location.latitude == null || n.location.longitude == null) return;
  await trx
    .updateTable('incidents')
    .set({
      latitude: n.location.latitude,
      longitude: n.location.longitude,
      location_text: sql<string>`concat_ws(' · ', nullif(location_text, ''), ${n.location.text}::text)`,
      updated_at: sql`now()`,
    })
    .where('id', '=', incidentId)
    .where('latitude', 'is', null)
    .where(sql<boolean>`not (corrections ? 'location')`)
    .execute();
}

async function replay(trx: DbOrTrx, input: RecordInput, done: () => Promise<void>): Promise<RecordResult> {
  const incident = await trx
    .selectFrom('incidents')
    .select(['id', 'corrections'])
    .where('first_raw_message_id', '=', input.rawMessageId)
    .executeTakeFirst();
  if (incident) {
    await trx
      .updateTable('incidents')
      .set(refreshUpdate(input.normalized, incident.corrections as Record<string, unknown>))
      .where('id', '=', incident.id)
      .execute();
  }
  await done();
  return { incidentId: incident?.id ?? null, created: false, outboundIds: [] };
}
