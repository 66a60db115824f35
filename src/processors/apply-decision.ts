/**
 * Writes what message-decision.ts decided, with repository calls only: the thread message (and attachments), the
 * new incident with its alerts to the people on duty, a follow-up's changes, the automatic answer or the reason
 * it was kept back, and the raw message's state.
 */
import type { PreparedMessage } from '../core/prepared-message';
import type { RawMessage } from '../core/raw-message';
import type { DbOrTrx } from '../db/connection';
import type { IncidentRow, JoinReason, UnansweredReason } from '../db/database';
import { writeAttachments } from '../db/repos/attachments';
import { writeAudit } from '../db/repos/audit-log';
import type { ContactKey } from '../db/repos/contacts';
import {
  addIncidentCoordinates,
  addThreadMessage,
  lockIncident,
  markUnanswered,
  type NewThreadMessage,
} from '../db/repos/incidents';
import { markRawProcessed } from '../db/repos/raw-messages';
import { followUpIncidentChange, followUpNewIncident } from '../follow-up/new-incident';
import { ackText } from '../outbound/reporter-texts';
import type { Settings } from '../settings';
import { type AutomaticMessage, writeAutomatic } from './automatic-replies';
import { createIncident } from './create-incident';
import { applyFollowUp } from './follow-up-update';
import type { Decision, PlannedReply } from './message-decision';
import { staffCorrections } from './staff-entry';
import { joinReason } from './thread-join';

/** What the writers need besides the decision: the message, and the settings and clock it was decided with. */
export interface ApplyInput {
  raw: RawMessage;
  rawMessageId: string;
  prepared: PreparedMessage;
  settings: Settings;
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

/** The inbound message as a row of an incident's thread. */
export function inboundThreadMessage(
  input: Pick<ApplyInput, 'raw' | 'rawMessageId' | 'prepared'>,
  incidentId: string,
  reason: JoinReason | null,
): NewThreadMessage & { rawMessageId: string } {
  const { raw, prepared } = input;
  return {
    incidentId,
    rawMessageId: input.rawMessageId,
    direction: 'in',
    channel: raw.channel,
    from: raw.from,
    to: raw.to ?? null,
    body: prepared.body,
    html: prepared.html,
    emailMessageId: prepared.emailMessageId ?? null,
    at: raw.receivedAt,
    joinReason: reason,
  };
}

/** Adds the message to an incident's thread, with its attachments (once per raw message). */
export async function attachToThread(
  trx: DbOrTrx,
  input: Pick<ApplyInput, 'raw' | 'rawMessageId' | 'prepared'>,
  incidentId: string,
  reason: JoinReason | null,
  counted = false,
): Promise<void> {
  const messageId = await addThreadMessage(trx, inboundThreadMessage(input, incidentId, reason), { counted });
  if (messageId) await writeAttachments(trx, input.rawMessageId, messageId, input.prepared.attachments);
}

/** The automatic answer as it is written: an acknowledgement names the code of the incident the message made. */
export function replyMessage(
  reply: PlannedReply,
  settings: Settings,
  incident: Pick<IncidentRow, 'id' | 'reference'> | null,
): AutomaticMessage {
  const { message } = reply;
  const reference = message.reference ?? (message.purpose === 'ack' ? incident?.reference : undefined);
  return {
    ...message,
    body: message.body ?? ackText(settings, reference ?? ''),
    incidentId: message.incidentId ?? incident?.id ?? null,
    reference,
  };
}

export async function applyDecision(
  trx: DbOrTrx,
  input: ApplyInput,
  who: { contact: ContactKey; contactId: string },
  d: Decision,
): Promise<RecordResult> {
  const { raw } = input;
  const outboundIds: string[] = [];
  const followUpContext = {
    settings: input.settings,
    timezone: input.timezone,
    publicUrl: input.publicUrl,
    now: input.now,
  };
  let incident = d.join?.incident ?? null;
  if (d.join)
    await attachToThread(trx, input, d.join.incident.id, joinReason(d.join.by, d.join.incident, raw.receivedAt));

  if (d.action === 'coordinates' && incident) {
    const { latitude, longitude, text } = d.normalized.location;
    if (latitude != null && longitude != null) {
      await addIncidentCoordinates(trx, incident.id, { latitude, longitude, text });
    }
  }
  if (d.action === 'follow_up' && incident) {
    // A joined follow-up may raise the priority and fill an empty place or time; a raised priority moves the
    // response targets and may alert the people on duty.
    const locked = await lockIncident(trx, incident.id);
    if (locked) {
      const changed = await applyFollowUp(trx, locked, d.normalized);
      outboundIds.push(...(await followUpIncidentChange(trx, locked.id, changed, followUpContext)));
    }
  }
  if (d.action === 'new_incident') {
    incident = await createIncident(trx, {
      normalized: d.normalized,
      channel: raw.channel,
      receivedAt: raw.receivedAt,
      contactId: who.contactId,
      rawMessageId: input.rawMessageId,
      body: input.prepared.body,
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
    await attachToThread(trx, input, incident.id, null, true);
  }

  let unanswered: UnansweredReason | undefined;
  if (d.reply?.withheld) {
    unanswered = d.reply.withheld;
    // Staff see in the thread why no answer went out, and answer by hand.
    if (incident) await markUnanswered(trx, input.rawMessageId, d.reply.withheld);
  } else if (d.reply) {
    const queued = await writeAutomatic(
      trx,
      { raw, rawMessageId: input.rawMessageId, normalized: d.normalized, settings: input.settings, now: input.now },
      who.contact,
      replyMessage(d.reply, input.settings, incident),
    );
    if (queued) outboundIds.push(queued);
  }
  if (d.action === 'new_incident' && incident) {
    // Alerts to the people on duty are not the reporter's automatic messages: the loop guard does not limit them.
    outboundIds.push(...(await followUpNewIncident(trx, incident, followUpContext)));
  }
  await markRawProcessed(trx, input.rawMessageId, { kind: d.kind, contactId: who.contactId });
  return { incidentId: incident?.id ?? null, created: d.action === 'new_incident', outboundIds, unanswered };
}
