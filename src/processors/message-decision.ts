/**
 * What a normalized message becomes, decided in pure code from what the database said about it (the snapshot):
 * a new incident, a message in an existing thread (named by a code or an email reply, or a follow-up of the
 * reporter's open incident), a status answer, an answer to a question, or nothing; and the automatic answer it
 * earns, with the loop and cost guard's verdict (docs/conversations.md). No IO, no clock: `now` is given.
 * Writers made of repository calls apply the decision (apply-decision.ts).
 */
import type { NormalizedMessage } from '../core/normalized-message';
import type { PreparedMessage } from '../core/prepared-message';
import type { RawMessage } from '../core/raw-message';
import type { IncidentRow, JoinReason, UnansweredReason } from '../db/database';
import type { ContactKey } from '../db/repos/contacts';
import { helpText, statusAnswerText, statusListText } from '../outbound/reporter-texts';
import type { Settings } from '../settings';
import { type AutomaticMessage, automaticChannelOf, guardVerdict, type SentAutomatic } from './automatic-replies';
import { joinsThread } from './thread-join';

/** The incident a message names: by a quoted code (a merged incident's survivor) or by the email it answers. */
export interface NamedThread {
  incident: IncidentRow;
  by: 'reference' | 'email_reply';
}

/** What the database said about a message before anything of it was written. */
export interface MessageSnapshot {
  /** The incident the message names; null when it names none (or was not asked: an auto-reply). */
  named: NamedThread | null;
  /**
   * The contact's latest open incident received up to the message, within the longer of the two follow-up windows
   * (null when the message may not follow one up: it names a thread, has no person behind it, asks for a status,
   * or was filed as new on purpose).
   */
  recent: IncidentRow | null;
  /** "STATUS" without a code: the contact's open incidents, newest first (at most three), and the newest in full. */
  open: { list: Pick<IncidentRow, 'id' | 'reference' | 'status'>[]; newest: IncidentRow | null } | null;
  /** What the loop and cost guard counts (null when it need not count: no answer path, no person). */
  sent: SentAutomatic | null;
}

export interface DecisionInput {
  raw: RawMessage;
  prepared: Pick<PreparedMessage, 'body' | 'input'>;
  normalized: NormalizedMessage;
  contact: ContactKey;
  contactId: string;
  settings: Settings;
  ackReplies: boolean;
  now: Date;
}

/** An automatic answer the message earns. `body` null: the acknowledgement, written once the new code is drawn. */
export interface PlannedReply {
  message: Omit<AutomaticMessage, 'body' | 'incidentId'> & { body: string | null; incidentId: string | null };
  /** Why the guard keeps it back (then nothing is sent and the thread message says why), or null. */
  withheld: UnansweredReason | null;
}

export interface Decision {
  /** The kind the raw message is recorded with. */
  kind: string;
  /** The thread the message joins, and how it found it. */
  join: { incident: IncidentRow; by: JoinReason['by'] } | null;
  /**
   * What else happens: a new incident, a follow-up's reading applied to the joined incident, a location's
   * coordinates put on it.
   */
  action: 'none' | 'new_incident' | 'follow_up' | 'coordinates';
  /** A WhatsApp location alone becomes a report of normal priority; otherwise the reading as it is. */
  normalized: NormalizedMessage;
  reply: PlannedReply | null;
}

/** A WhatsApp location sent on its own carries no words: the normalizer calls it noise, but it is part of a report. */
export function isLocationOnly(prepared: Pick<PreparedMessage, 'input'>, n: NormalizedMessage): boolean {
  return Boolean(prepared.input.geo) && n.kind === 'noise';
}

/** An auto-reply, or noise that is not a location: nothing to act on (at most a line in a thread it names). */
export function carriesNothing(prepared: Pick<PreparedMessage, 'input'>, n: NormalizedMessage): boolean {
  return n.kind === 'auto_reply' || (n.kind === 'noise' && !isLocationOnly(prepared, n));
}

/**
 * A report filed through a form (the RT heads' app, a partner system) was filed as a new report on purpose: it joins
 * a thread only by a quoted code, never as a conversation's follow-up.
 */
export function mayFollowUp(raw: RawMessage, n: NormalizedMessage, contact: ContactKey): boolean {
  const filedAsNew = raw.channel === 'app' || raw.channel === 'open311';
  return contact.kind !== 'other' && n.kind !== 'status_query' && !filedAsNew;
}

/** The follow-up window that applies to this message, in minutes. */
function followUpWindowMinutes(locationOnly: boolean, settings: Settings): number {
  return locationOnly ? settings.locationFollowUpMinutes : settings.threadWindowHours * 60;
}

/** The longer window: how far back the snapshot looks for the reporter's open incident. */
export function longestFollowUpMinutes(settings: Settings): number {
  return Math.max(settings.locationFollowUpMinutes, settings.threadWindowHours * 60);
}

function plan(m: DecisionInput, s: MessageSnapshot, message: PlannedReply['message']): PlannedReply | null {
  if (!automaticChannelOf(m.raw)) return null;
  return { message, withheld: guardVerdict(m, m.contact, message.purpose, s.sent) };
}

export function decide(m: DecisionInput, s: MessageSnapshot): Decision {
  const { raw, normalized: n, settings } = m;
  const locationOnly = isLocationOnly(m.prepared, n);
  const base = { kind: locationOnly ? 'report' : n.kind, normalized: n, action: 'none' as const, reply: null };

  if (carriesNothing(m.prepared, n)) {
    // "Terima kasih" in answer to our email carries nothing to act on, but staff following the thread should see it.
    const answered = n.kind === 'noise' ? s.named : null;
    return { ...base, join: answered ? { incident: answered.incident, by: answered.by } : null };
  }

  const named = s.named;
  const windowStart = new Date(raw.receivedAt).getTime() - followUpWindowMinutes(locationOnly, settings) * 60_000;
  const recent =
    !named && s.recent && s.recent.received_at.getTime() >= windowStart && mayFollowUp(raw, n, m.contact)
      ? s.recent
      : null;

  if (n.kind === 'status_query') return statusDecision(m, s, base);

  if (n.kind === 'question') {
    // Answered with the help text, never with a report's acknowledgement; staff see it in the open thread, if any.
    const target = named?.incident ?? recent;
    const topic = n.questionTopic ?? 'how_to_report';
    return {
      ...base,
      join: target ? { incident: target, by: named?.by ?? 'follow_up' } : null,
      reply: plan(m, s, {
        purpose: 'question_answer',
        body: helpText(settings, topic),
        incidentId: target?.id ?? null,
      }),
    };
  }

  if (named) return { ...base, join: { incident: named.incident, by: named.by } };
  if (recent && locationOnly) return { ...base, join: { incident: recent, by: 'location' }, action: 'coordinates' };
  if (recent && joinsThread(recent, n, m.prepared.body)) {
    return { ...base, join: { incident: recent, by: 'follow_up' }, action: 'follow_up' };
  }

  // A report staff typed in is acknowledged only when staff ask for it (the code by SMS).
  const acknowledge = raw.staffEntry ? raw.staffEntry.sendCode : m.ackReplies;
  return {
    ...base,
    join: null,
    action: 'new_incident',
    normalized: locationOnly ? { ...n, kind: 'report', priority: 'normal' } : n,
    reply: acknowledge ? plan(m, s, { purpose: 'ack', body: null, incidentId: null }) : null,
  };
}

/**
 * The answer to a status query. A quoted code: only the phone or address that reported may learn its status;
 * everyone else gets the neutral answer (no probing). No code ("STATUS"): the number's open reports, newest first.
 */
function statusDecision(
  m: DecisionInput,
  s: MessageSnapshot,
  base: Pick<Decision, 'kind' | 'normalized' | 'action'>,
): Decision {
  const { settings, normalized: n } = m;
  const named = s.named;
  if (named || n.referenceCodes.length > 0) {
    const own = named !== null && named.incident.contact_id === m.contactId;
    return {
      ...base,
      join: named ? { incident: named.incident, by: named.by } : null,
      reply: plan(m, s, {
        purpose: 'status_answer',
        body: own ? statusAnswerText(settings, named.incident, null) : settings.statusNotFoundText,
        incidentId: named?.incident.id ?? null,
        reference: own ? named.incident.reference : undefined,
      }),
    };
  }
  const newest = s.open?.newest ?? null;
  return {
    ...base,
    join: newest ? { incident: newest, by: 'status' } : null,
    reply: plan(m, s, {
      purpose: 'status_answer',
      body: statusListText(settings, s.open?.list ?? []),
      incidentId: newest?.id ?? null,
    }),
  };
}
