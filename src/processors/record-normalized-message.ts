/**
 * The transaction body of the normalize processor: decides what a normalized message becomes (new incident,
 * message in an existing thread, status answer, nothing) and writes it with its outbox rows.
 */
import { sql } from 'kysely';
import type { NormalizedMessage } from '../core/normalized-message';
import type { PreparedMessage } from '../core/prepared-message';
import { type RawMessage, replyChannelOf } from '../core/raw-message';
import type { DbOrTrx } from '../db/connection';
import type { IncidentRow, OutboundPurpose } from '../db/database';
import { writeAttachments } from '../db/repos/attachments';
import { writeAudit } from '../db/repos/audit-log';
import { type ContactKey, upsertContact } from '../db/repos/contacts';
import {
  addThreadMessage,
  findIncidentByEmailMessageIds,
  findIncidentByReference,
  findPossibleDuplicate,
  findRecentOpenIncidentOf,
  insertIncidentWithFreeReference,
} from '../db/repos/incidents';
import { countRecentAutomatic, insertOutbound } from '../db/repos/outbound-messages';
import { markRawProcessed, rawMessageInThread } from '../db/repos/raw-messages';
import { transportFor } from '../follow-up/alert-context';
import { newIncidentDeadlines } from '../follow-up/incident-deadlines';
import { followUpNewIncident } from '../follow-up/new-incident';
import { recordStaffMessage } from '../follow-up/staff-messages';
import { ackText, statusAnswerText } from '../outbound/reporter-texts';
import type { Settings } from '../settings';
import { machineFields, refreshUpdate } from './incident-fields';
import { staffCorrections, withStaffFields } from './staff-entry';

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
}

export function contactKeyOf(n: NormalizedMessage, raw: RawMessage): ContactKey {
  if (n.reporter.phone) return { kind: 'phone', address: n.reporter.phone, name: n.reporter.name };
  if (n.reporter.email) return { kind: 'email', address: n.reporter.email.toLowerCase(), name: n.reporter.name };
  return { kind: 'other', address: raw.from.trim() || 'unknown', name: n.reporter.name };
}

/** Which transport answers on the path the reporter used; a report taken by staff is answered by SMS. */
function transportOf(raw: RawMessage, settings: Settings): string {
  if (raw.channel === 'email') return 'smtp';
  if (raw.staffEntry) return transportFor('sms', settings);
  return raw.provider;
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

  const thread = (incidentId: string, counted = false) =>
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
      },
      { counted },
    );
  // An officer's "OK HK-…" or a stakeholder's answer to a forward, before the reading decides (issue 9).
  const staff = raw.staffEntry
    ? null
    : await recordStaffMessage(trx, {
        raw,
        rawMessageId,
        prepared,
        normalized: n,
        attach: (incidentId) => attach(trx, thread, incidentId, rawMessageId, prepared),
      });
  if (staff) {
    await done(staff.kind);
    return { incidentId: staff.incidentId, created: false, outboundIds: staff.outboundIds };
  }

  if (n.kind === 'auto_reply' || (n.kind === 'noise' && !locationOnly)) {
    // "Terima kasih" in answer to our email carries nothing to act on, but staff following the thread should see it.
    const answered = n.kind === 'noise' ? await findThread(trx, n, prepared) : null;
    if (answered) await attach(trx, thread, answered.id, rawMessageId, prepared);
    await done();
    return { ...none, incidentId: answered?.id ?? null };
  }

  const existing =
    (await findThread(trx, n, prepared)) ??
    (locationOnly
      ? await findRecentOpenIncidentOf(trx, contactId, raw.receivedAt, input.settings.locationFollowUpMinutes)
      : null);
  const outboundIds: string[] = [];
  const auto = async (purpose: OutboundPurpose, body: string, incidentId: string | null, reference?: string) => {
    const id = await queueAutomatic(trx, input, contact, { purpose, body, incidentId, reference });
    if (id) outboundIds.push(id);
  };

  if (n.kind === 'status_query') {
    // Only the phone or address that reported may learn the status; everyone else gets the neutral answer.
    const own = existing && existing.contact_id === contactId;
    if (existing) await attach(trx, thread, existing.id, rawMessageId, prepared);
    await auto(
      'status_answer',
      own ? statusAnswerText(input.settings, existing, null) : input.settings.statusNotFoundText,
      existing?.id ?? null,
      own ? existing.reference : undefined,
    );
    await done();
    return { incidentId: existing?.id ?? null, created: false, outboundIds };
  }

  if (existing) {
    await attach(trx, thread, existing.id, rawMessageId, prepared);
    if (locationOnly) await addCoordinates(trx, existing.id, n);
    await done();
    return { incidentId: existing.id, created: false, outboundIds };
  }

  const incident = await createIncident(
    trx,
    locationOnly ? { ...input, normalized: { ...n, kind: 'report', priority: 'normal' } } : input,
    contactId,
  );
  if (raw.staffEntry) {
    await writeAudit(trx, {
      userId: raw.staffEntry.userId,
      action: 'incident.create',
      incidentId: incident.id,
      details: { channel: raw.channel, submissionId: raw.externalId, sendCode: raw.staffEntry.sendCode },
    });
  }
  // Inserted with its first message counted: the thread needs no second write to the incident.
  await attach(trx, (id) => thread(id, true), incident.id, rawMessageId, prepared);
  const ack = raw.staffEntry ? raw.staffEntry.sendCode : input.ackReplies;
  if (ack) await auto('ack', ackText(input.settings, incident.reference), incident.id, incident.reference);
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
  return { incidentId: incident.id, created: true, outboundIds };
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

/** A quoted reference code, or (email) the Message-IDs it answers, name the incident a message belongs to. */
async function findThread(trx: DbOrTrx, n: NormalizedMessage, prepared: PreparedMessage): Promise<IncidentRow | null> {
  for (const code of n.referenceCodes) {
    const found = await findIncidentByReference(trx, code);
    if (found) return found.duplicate_of ? ((await followMerge(trx, found)) ?? found) : found;
  }
  const byMail = await findIncidentByEmailMessageIds(trx, prepared.inReplyTo ?? []);
  if (byMail)
    return (await trx.selectFrom('incidents').selectAll().where('id', '=', byMail).executeTakeFirst()) ?? null;
  return null;
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

async function createIncident(trx: DbOrTrx, input: RecordInput, contactId: string): Promise<IncidentRow> {
  const { normalized: n, raw } = input;
  const fields = machineFields(n);
  const possibleDuplicateOf =
    n.category && n.location.kelurahanCode
      ? await findPossibleDuplicate(trx, {
          category: n.category,
          kelurahanCode: n.location.kelurahanCode,
          receivedAt: raw.receivedAt,
          windowHours: input.settings.duplicateWindowHours,
        })
      : null;
  const deadlines = newIncidentDeadlines(
    fields.priority.priority,
    new Date(raw.receivedAt),
    input.settings,
    input.timezone,
  );
  // Codes are random: a collision is rare but possible, and the unique key decides (no look-up first: one round trip).
  for (let attempt = 0; attempt < 10; attempt++) {
    const inserted = await insertIncidentWithFreeReference(trx, {
      reference: input.newReference(),
      channel: raw.channel,
      ...fields.category,
      ...fields.priority,
      ...fields.location,
      ...fields.rest,
      received_at: raw.receivedAt,
      contact_id: contactId,
      first_raw_message_id: input.rawMessageId,
      possible_duplicate_of: possibleDuplicateOf,
      ...(raw.staffEntry ? { corrections: JSON.stringify(staffCorrections(raw.staffEntry, raw.receivedAt)) } : {}),
      message_count: 1,
      // The first message's words, written with the incident: the search trigger then skips it (sql/007).
      search_text: input.prepared.body.slice(0, 20_000),
      ...deadlines,
    });
    if (inserted) return inserted;
  }
  throw new Error('reference: no free code after 10 attempts');
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

/**
 * Writes an automatic message to the reporter into the outbox, unless the loop and cost guard says no:
 * only to real phone numbers and real (non-automatic) email senders, at most N an hour, never for old mail.
 */
async function queueAutomatic(
  trx: DbOrTrx,
  input: RecordInput,
  contact: ContactKey,
  m: { purpose: OutboundPurpose; body: string; incidentId: string | null; reference?: string },
): Promise<string | null> {
  const { raw, normalized: n, settings } = input;
  if (contact.kind === 'other') return null;
  if (raw.channel === 'email' && (contact.kind !== 'email' || n.doNotAutoReply)) return null;
  if (raw.channel !== 'email' && contact.kind !== 'phone') return null;
  const ageHours = (input.now.getTime() - new Date(raw.receivedAt).getTime()) / 3_600_000;
  // Staff asked for this one themselves, whenever the call was.
  if (ageHours > settings.ackMaxAgeHours && !raw.staffEntry) return null;
  if ((await countRecentAutomatic(trx, contact.address)) >= settings.autoRepliesPerHour) return null;
  return insertOutbound(trx, {
    dedupe_key: `${m.purpose}:${input.rawMessageId}`,
    incident_id: m.incidentId,
    raw_message_id: input.rawMessageId,
    purpose: m.purpose,
    channel: replyChannelOf(raw.channel),
    transport: transportOf(raw, settings),
    to_address: contact.address,
    subject: raw.channel === 'email' ? `[${m.reference ?? 'Halo Kesbang'}] Laporan Anda` : null,
    body: m.body,
  });
}
