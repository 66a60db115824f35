/**
 * Automatic messages to a reporter (acknowledgement, status answer, answer to a question) and the loop and cost
 * guard in front of them: only real phone numbers and real (non-automatic) email senders, never for old mail, and
 * per address and hour at most `autoRepliesPerHour` acknowledgements (answers count too) and, with a cap of their
 * own, `questionRepliesPerHour` answers to a person's status query or question. A flood of reports or an
 * autoresponder is stopped; a person asking a question after three reports still gets the answer.
 */

import { outboundChannelOf } from '../core/channel';
import type { NormalizedMessage } from '../core/normalized-message';
import type { RawMessage } from '../core/raw-message';
import type { DbOrTrx } from '../db/connection';
import type { OutboundPurpose, UnansweredReason } from '../db/database';
import type { ContactKey } from '../db/repos/contacts';
import {
  countRecentAutomatic,
  countRecentAutomaticFor,
  insertOutbound,
  type NewOutbound,
} from '../db/repos/outbound-messages';
import { transportFor } from '../follow-up/alert-context';
import { gsmFriendly } from '../outbound/sms-length';
import type { Settings } from '../settings';

const ANSWERS: readonly OutboundPurpose[] = ['status_answer', 'question_answer'];
const ALL_AUTOMATIC: readonly OutboundPurpose[] = ['ack', ...ANSWERS];

export interface AutomaticContext {
  raw: RawMessage;
  rawMessageId: string;
  normalized: NormalizedMessage;
  settings: Settings;
  now: Date;
}

export interface AutomaticMessage {
  purpose: Extract<OutboundPurpose, 'ack' | 'status_answer' | 'question_answer'>;
  body: string;
  incidentId: string | null;
  reference?: string;
}

/** Which transport answers on the path the reporter used. */
function transportOf(raw: RawMessage, settings: Settings): string {
  if (raw.channel === 'email') return 'smtp';
  if (raw.staffEntry) return transportFor('sms', settings);
  return raw.provider;
}

/**
 * The channel an automatic answer leaves on, or null when there is none: a report staff typed in is answered by SMS
 * (when they ask); the app shows its reporter the code itself, and a partner's report has no path to answer on.
 */
export function automaticChannelOf(raw: RawMessage): ReturnType<typeof outboundChannelOf> {
  return raw.staffEntry ? 'sms' : outboundChannelOf(raw.channel);
}

/** Whether the guard needs to count what was sent to this contact (it answers without counting otherwise). */
export function guardCounts(raw: RawMessage, contact: ContactKey): boolean {
  return automaticChannelOf(raw) !== null && contact.kind !== 'other';
}

/** What the guard counts: automatic messages to the contact's address in the last hour. */
export async function countSentAutomatic(trx: DbOrTrx, contact: ContactKey): Promise<SentAutomatic> {
  return countRecentAutomatic(trx, contact.address, ALL_AUTOMATIC, ANSWERS);
}

/** countSentAutomatic for a batch's contacts in one statement, by address. */
export async function countSentAutomaticFor(trx: DbOrTrx, contacts: ContactKey[]): Promise<Map<string, SentAutomatic>> {
  return countRecentAutomaticFor(
    trx,
    contacts.map((c) => c.address),
    ALL_AUTOMATIC,
    ANSWERS,
  );
}

export interface SentAutomatic {
  /** Acknowledgements and answers. */
  all: number;
  /** Answers to status queries and questions. */
  answers: number;
}

/** Why the guard keeps this answer back, or null when it may go. Pure: `sent` was read before. */
export function guardVerdict(
  ctx: Pick<AutomaticContext, 'raw' | 'normalized' | 'settings' | 'now'>,
  contact: ContactKey,
  purpose: AutomaticMessage['purpose'],
  sent: SentAutomatic | null,
): UnansweredReason | null {
  const { raw, normalized: n, settings } = ctx;
  if (contact.kind === 'other') return 'not_a_person';
  if (raw.channel === 'email' && (contact.kind !== 'email' || n.doNotAutoReply)) return 'not_a_person';
  if (raw.channel !== 'email' && contact.kind !== 'phone') return 'not_a_person';
  const ageHours = (ctx.now.getTime() - new Date(raw.receivedAt).getTime()) / 3_600_000;
  // Staff asked for a typed-in report's code themselves, whenever the call was.
  if (ageHours > settings.ackMaxAgeHours && !raw.staffEntry) return 'too_old';
  const counted = sent ?? { all: 0, answers: 0 };
  if (purpose === 'ack') return counted.all >= settings.autoRepliesPerHour ? 'reporter_cap' : null;
  return counted.answers >= settings.questionRepliesPerHour ? 'question_cap' : null;
}

/** The outbox row of an automatic message the guard let through; null when the message has no path to answer on. */
export function automaticOutboundValues(
  ctx: Pick<AutomaticContext, 'raw' | 'rawMessageId' | 'settings'>,
  contact: ContactKey,
  m: AutomaticMessage,
): NewOutbound | null {
  const { raw } = ctx;
  const channel = automaticChannelOf(raw);
  if (!channel) return null;
  return {
    dedupe_key: `${m.purpose}:${ctx.rawMessageId}`,
    incident_id: m.incidentId,
    raw_message_id: ctx.rawMessageId,
    purpose: m.purpose,
    channel,
    transport: transportOf(raw, ctx.settings),
    to_address: contact.address,
    subject: raw.channel === 'email' ? `[${m.reference ?? 'Halo Kesbang'}] Laporan Anda` : null,
    // A curly quote typed into a template would make every SMS UCS-2 (70 characters a part instead of 160).
    body: raw.channel === 'email' ? m.body : gsmFriendly(m.body),
  };
}

/** Writes an automatic message the guard let through into the outbox; null when it was written before. */
export async function writeAutomatic(
  trx: DbOrTrx,
  ctx: AutomaticContext,
  contact: ContactKey,
  m: AutomaticMessage,
): Promise<string | null> {
  const values = automaticOutboundValues(ctx, contact, m);
  return values ? insertOutbound(trx, values) : null;
}
