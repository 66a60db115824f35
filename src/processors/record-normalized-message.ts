/**
 * The transaction body of the normalize processor: locks the raw message, upserts its contact, then reads what the
 * database says about the message (message-snapshot.ts), decides in pure code what it becomes
 * (message-decision.ts) and writes that with its outbox rows (apply-decision.ts; docs/conversations.md). Replays
 * and our own people's messages (an officer's "OK HK-…", a stakeholder's answer) are recognised first.
 */
import type { NormalizedMessage } from '../core/normalized-message';
import type { RawMessage } from '../core/raw-message';
import type { DbOrTrx } from '../db/connection';
import { type ContactKey, upsertContact } from '../db/repos/contacts';
import { findIncidentCreatedBy, setIncidentReading } from '../db/repos/incidents';
import { lockRawMessageState, markRawProcessed, rawMessageInThread } from '../db/repos/raw-messages';
import { recordStaffMessage } from '../follow-up/staff-messages';
import { type ApplyInput, applyDecision, attachToThread, type RecordResult } from './apply-decision';
import { refreshUpdate } from './incident-fields';
import { decide, isLocationOnly } from './message-decision';
import { readSnapshot } from './message-snapshot';
import { withStaffFields } from './staff-entry';

export type { RecordResult } from './apply-decision';

export interface RecordInput extends ApplyInput {
  normalized: NormalizedMessage;
  ackReplies: boolean;
  replay: boolean;
  /**
   * The contact's id when the caller upserted it already (a batch upserts its contacts in one statement, in
   * order); the row is then locked by this transaction.
   */
  contactId?: string;
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

/** Staff decided that what they typed is a report and confirmed its fields: their reading replaces the machine's. */
export function effectiveReading(raw: RawMessage, n: NormalizedMessage): NormalizedMessage {
  return raw.staffEntry ? withStaffFields(n, raw.staffEntry) : n;
}

export async function recordNormalizedMessage(trx: DbOrTrx, given: RecordInput): Promise<RecordResult> {
  const input = { ...given, normalized: effectiveReading(given.raw, given.normalized) };
  const { raw, rawMessageId, normalized: n, prepared } = input;
  // Serialize with any other worker holding the same message (a replay racing a redelivery).
  const state = await lockRawMessageState(trx, rawMessageId);
  const none: RecordResult = { incidentId: null, created: false, outboundIds: [] };
  const converting = raw.staffEntry?.fromStoredMessage === true;
  if (state !== 'received' && !input.replay && !converting) return none;
  // A message turned into a report once is never turned into a second one (a double click, a retried job).
  if (converting && (await rawMessageInThread(trx, rawMessageId))) return none;

  const contact = contactKeyOf(n, raw);
  const contactId =
    input.contactId ?? (await upsertContact(trx, contact, { at: raw.receivedAt, channel: raw.channel }));
  const kind = isLocationOnly(prepared, n) ? 'report' : n.kind;
  // A replay of a message no worker has processed yet (stored, its job still waiting in a batch) is its first
  // processing: refreshing would mark it processed without its incident.
  if (input.replay && state !== 'received') return replay(trx, input, { kind, contactId });

  // An officer's "OK HK-…" or a stakeholder's answer to a forward, before the reading decides (issue 9).
  const staff = raw.staffEntry
    ? null
    : await recordStaffMessage(trx, {
        raw,
        rawMessageId,
        prepared,
        normalized: n,
        attach: (incidentId) => attachToThread(trx, input, incidentId, null),
      });
  if (staff) {
    await markRawProcessed(trx, rawMessageId, { kind: staff.kind, contactId });
    return { incidentId: staff.incidentId, created: false, outboundIds: staff.outboundIds };
  }

  const snapshot = await readSnapshot(trx, {
    raw,
    prepared,
    normalized: n,
    contact,
    contactId,
    settings: input.settings,
  });
  const decision = decide({ ...input, contact, contactId }, snapshot);
  return applyDecision(trx, input, { contact, contactId }, decision);
}

/** `halo replay`: the incident the message created gets the new reading, except for what staff corrected. */
async function replay(
  trx: DbOrTrx,
  input: RecordInput,
  mark: { kind: string; contactId: string },
): Promise<RecordResult> {
  const incident = await findIncidentCreatedBy(trx, input.rawMessageId);
  if (incident) {
    await setIncidentReading(
      trx,
      incident.id,
      refreshUpdate(input.normalized, incident.corrections as Record<string, unknown>),
    );
  }
  await markRawProcessed(trx, input.rawMessageId, mark);
  return { incidentId: incident?.id ?? null, created: false, outboundIds: [] };
}
