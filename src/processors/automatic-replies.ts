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
import { countRecentAutomatic, insertOutbound } from '../db/repos/outbound-messages';
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

export type AutomaticOutcome = { queued: string | null } | { withheld: UnansweredReason };

/** Which transport answers on the path the reporter used. */
function transportOf(raw: RawMessage, settings: Settings): string {
  if (raw.channel === 'email') return 'smtp';
  if (raw.staffEntry) return transportFor('sms', settings);
  return raw.provider;
}

async function guard(
  trx: DbOrTrx,
  ctx: AutomaticContext,
  contact: ContactKey,
  purpose: AutomaticMessage['purpose'],
): Promise<UnansweredReason | null> {
  const { raw, normalized: n, settings } = ctx;
  if (contact.kind === 'other') return 'not_a_person';
  if (raw.channel === 'email' && (contact.kind !== 'email' || n.doNotAutoReply)) return 'not_a_person';
  if (raw.channel !== 'email' && contact.kind !== 'phone') return 'not_a_person';
  const ageHours = (ctx.now.getTime() - new Date(raw.receivedAt).getTime()) / 3_600_000;
  // Staff asked for a typed-in report's code themselves, whenever the call was.
  if (ageHours > settings.ackMaxAgeHours && !raw.staffEntry) return 'too_old';
  if (purpose === 'ack') {
    const sent = await countRecentAutomatic(trx, contact.address, ALL_AUTOMATIC);
    return sent >= settings.autoRepliesPerHour ? 'reporter_cap' : null;
  }
  const answered = await countRecentAutomatic(trx, contact.address, ANSWERS);
  return answered >= settings.questionRepliesPerHour ? 'question_cap' : null;
}

/** Writes the message into the outbox unless the guard keeps it back (then says why). */
export async function queueAutomatic(
  trx: DbOrTrx,
  ctx: AutomaticContext,
  contact: ContactKey,
  m: AutomaticMessage,
): Promise<AutomaticOutcome> {
  // A report staff typed in is answered by SMS (when they ask); the app shows its reporter the code itself, and a
  // partner's report has no path to answer on.
  const channel = ctx.raw.staffEntry ? 'sms' : outboundChannelOf(ctx.raw.channel);
  if (!channel) return { queued: null };
  const withheld = await guard(trx, ctx, contact, m.purpose);
  if (withheld) return { withheld };
  const { raw } = ctx;
  const queued = await insertOutbound(trx, {
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
  });
  return { queued };
}
