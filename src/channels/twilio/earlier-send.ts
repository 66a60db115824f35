/**
 * An attempt whose outcome was lost (the request timed out, or the worker died before writing Twilio's answer) may
 * have reached Twilio. Before sending again, the transport looks at the recipient's latest messages: one with the
 * same text, created since shortly before that attempt and not already another outbox row's, is that attempt's
 * message, and it is not sent twice. Template messages (WhatsApp outside the 24-hour window) carry Twilio's rendering
 * of the template, not our text: they cannot be recognised this way and are sent again.
 */
import type twilio from 'twilio';
import type { DbOrTrx } from '../../db/connection';
import { providerIdTaken } from '../../db/repos/outbound-messages';

/** Twilio's clock and ours may disagree by a few seconds; a minute of slack costs nothing. */
const CLOCK_SLACK_MS = 60_000;
/** The recipient's latest messages looked at: an attempt minutes ago is among them unless they write a lot. */
const LOOK_BACK = 20;

export interface EarlierSendQuery {
  to: string;
  /** The sender, when not a Messaging Service (whose sender Twilio picks). */
  from?: string;
  body: string;
  attemptedAt: Date;
  outboundId: string;
}

/** The sid of the message an earlier attempt already created, or null when there is none. */
export async function findEarlierSend(client: twilio.Twilio, db: DbOrTrx, q: EarlierSendQuery): Promise<string | null> {
  const recent = await client.messages.list({ to: q.to, ...(q.from ? { from: q.from } : {}), limit: LOOK_BACK });
  for (const m of recent) {
    if (m.body !== q.body) continue;
    if (m.dateCreated && m.dateCreated.getTime() < q.attemptedAt.getTime() - CLOCK_SLACK_MS) continue;
    if (await providerIdTaken(db, m.sid, q.outboundId)) continue;
    return m.sid;
  }
  return null;
}
