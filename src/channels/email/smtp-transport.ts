/**
 * Transport 'smtp': acknowledgements, status answers and staff replies to email reporters (nodemailer over
 * SMTP_URL, from MAIL_FROM). The reference code rides in the subject and the reply is threaded under the
 * reporter's message (In-Reply-To, References), so that their answer finds its incident again; automatic messages
 * say so (Auto-Submitted: auto-replied), and our own Message-ID joins the thread.
 */
import nodemailer, { type SendMailOptions } from 'nodemailer';
import type { DbOrTrx } from '../../db/connection';
import type { OutboundMessageRow } from '../../db/database';
import {
  answeredEmail,
  emailChain,
  setThreadMessageEmailId,
  threadHasEmailMessageId,
  threadMessageOfOutbound,
} from '../../db/repos/email-threads';
import { addThreadMessage, findIncidentById } from '../../db/repos/incidents';
import { rawMessageKind } from '../../db/repos/raw-messages';
import type { SendResult, Transport } from '../../outbound/transport';
import { normalizeMessageId } from './email-identity';

/** What nodemailer's transporter offers that we use (a loopback SMTP server stands in for the relay in tests). */
export interface MailSender {
  sendMail(message: SendMailOptions): Promise<{ messageId?: string }>;
}

const AUTOMATIC = new Set(['ack', 'status_answer']);

/** The transport, or null when SMTP_URL or MAIL_FROM is missing (rows then fail: "transport smtp is not configured"). */
export function createSmtpTransport(
  config: { SMTP_URL?: string; MAIL_FROM?: string },
  sender?: MailSender,
): Transport | null {
  if (!config.SMTP_URL || !config.MAIL_FROM) return null;
  const mailFrom = config.MAIL_FROM;
  const mailer: MailSender = sender ?? nodemailer.createTransport(config.SMTP_URL);
  const domain = /@([^>\s]+)>?\s*$/.exec(mailFrom)?.[1] ?? 'halo-kesbang.invalid';
  return {
    name: 'smtp',
    async send(row, db) {
      const automatic = AUTOMATIC.has(row.purpose);
      if (automatic && (await answersMachine(db, row))) {
        // The inbound guard already refuses these; this is the second lock on the door against mail loops.
        return { state: 'failed', error: 'smtp-suppressed: never answer machine-generated mail automatically' };
      }
      const thread = await threadOf(db, row);
      // Staff replies and forwards wrote their thread message with the outbox row (forwards with a Message-ID too):
      // send under that id and complete that message, rather than adding a second copy to the thread.
      const linked = await threadMessageOfOutbound(db, row.id);
      const messageId = linked?.email_message_id
        ? `<${linked.email_message_id}>`
        : `<halo-${row.id}-${new Date(row.created_at).getTime().toString(36)}@${domain}>`;
      const subject = subjectWithReference(
        row.subject ?? (thread.subject ? `Re: ${thread.subject}` : 'Laporan Anda'),
        thread.reference,
      );
      try {
        await mailer.sendMail({
          from: mailFrom,
          to: row.to_address,
          subject,
          text: row.body,
          messageId,
          ...(thread.inReplyTo ? { inReplyTo: `<${thread.inReplyTo}>` } : {}),
          ...(thread.references.length ? { references: thread.references.map((id) => `<${id}>`) } : {}),
          headers: automatic
            ? // RFC 3834; the second asks Exchange not to answer our acknowledgement with an out-of-office.
              { 'Auto-Submitted': 'auto-replied', 'X-Auto-Response-Suppress': 'All' }
            : {},
        });
      } catch (err) {
        return permanentOrThrow(err);
      }
      const ownId = normalizeMessageId(messageId)!;
      if (linked && !linked.email_message_id) {
        await setThreadMessageEmailId(db, linked.id, ownId);
      } else if (!linked && row.incident_id) await recordOnThread(db, row, ownId);
      return { state: 'sent', providerMessageId: ownId };
    },
  };
}

/** "[HK-7Q3F2K] …": the code in brackets leads the subject, once. */
export function subjectWithReference(subject: string, reference: string | null): string {
  const clean = subject.replace(/[\r\n]+/g, ' ').trim();
  if (!reference || clean.toUpperCase().includes(`[${reference}]`)) return clean;
  return `[${reference}] ${clean}`;
}

async function answersMachine(db: DbOrTrx, row: OutboundMessageRow): Promise<boolean> {
  if (!row.raw_message_id) return false;
  return (await rawMessageKind(db, row.raw_message_id)) === 'auto_reply';
}

interface Thread {
  reference: string | null;
  subject: string | null;
  inReplyTo: string | null;
  references: string[];
}

/**
 * The message we answer: the raw message the row was written for, else the latest inbound email of the incident;
 * References lists the thread's Message-IDs, oldest first (capped: some servers refuse very long headers).
 */
async function threadOf(db: DbOrTrx, row: OutboundMessageRow): Promise<Thread> {
  const incident = row.incident_id ? await findIncidentById(db, row.incident_id) : undefined;
  const answered = row.raw_message_id ? await answeredEmail(db, row.raw_message_id) : undefined;
  const chain = row.incident_id ? await emailChain(db, row.incident_id) : [];
  const lastInbound = [...chain].reverse().find((m) => m.direction === 'in');
  const inReplyTo = answered?.email_message_id ?? lastInbound?.email_message_id ?? null;
  const references = chain.map((m) => m.email_message_id!).filter((id, i, all) => all.indexOf(id) === i);
  if (inReplyTo && !references.includes(inReplyTo)) references.push(inReplyTo);
  return {
    reference: incident?.reference ?? null,
    subject: stripReplyPrefixes(answered?.subject ?? lastInbound?.subject ?? null),
    inReplyTo,
    references: references.slice(-20),
  };
}

function stripReplyPrefixes(subject: string | null): string | null {
  if (!subject) return null;
  return subject.replace(/^\s*((re|fwd?|aw|bls|balas)\s*:\s*)+/i, '').trim() || null;
}

/** Our own message on the thread, with its Message-ID: the reporter's reply to it joins this incident. */
async function recordOnThread(db: DbOrTrx, row: OutboundMessageRow, ownId: string): Promise<void> {
  if (await threadHasEmailMessageId(db, ownId)) return;
  await addThreadMessage(db, {
    incidentId: row.incident_id!,
    direction: 'out',
    channel: 'email',
    to: row.to_address,
    body: row.body,
    emailMessageId: ownId,
    at: new Date(),
  });
}

/** 5xx from the relay will not get better by retrying; anything else (network, 4xx) is retried by the queue. */
function permanentOrThrow(err: unknown): SendResult {
  const code = (err as { responseCode?: number }).responseCode;
  if (typeof code === 'number' && code >= 500) {
    return { state: 'failed', error: `smtp-rejected: ${code} ${(err as Error).message}`.slice(0, 500) };
  }
  throw err;
}
