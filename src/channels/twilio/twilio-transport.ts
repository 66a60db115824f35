/**
 * Transport 'twilio': sends SMS and WhatsApp messages through Twilio's Messages API with the official client.
 * TWILIO_FROM may be a number, a `whatsapp:+…` sender or a Messaging Service SID (MG…). WhatsApp allows free text only
 * within 24 hours of the contact's last message; later the approved template configured for the message's purpose is
 * sent instead, and without one the row fails with Twilio's error 63016 so staff see why. Twilio 4xx answers are
 * final (the row fails with Twilio's code); 5xx, 429 and network errors throw, so the outbound job retries. A retry
 * after an attempt whose outcome was lost first asks Twilio whether that attempt's message exists (earlier-send.ts).
 */
import type twilio from 'twilio';
import type { Config } from '../../config';
import type { DbOrTrx } from '../../db/connection';
import type { OutboundMessageRow } from '../../db/database';
import { lastInboundAt } from '../../db/repos/contact-activity';
import { findIncidentById } from '../../db/repos/incidents';
import type { SendResult, Transport } from '../../outbound/transport';
import { loadSettings, type WhatsappTemplate } from '../../settings';
import { findEarlierSend } from './earlier-send';
import { createTwilioClient } from './twilio-client';

export const WHATSAPP_WINDOW_MS = 24 * 3600 * 1000;

type MessageParams = Parameters<twilio.Twilio['messages']['create']>[0];

export interface TwilioTransportDeps {
  config: Pick<Config, 'TWILIO_ACCOUNT_SID' | 'TWILIO_AUTH_TOKEN' | 'TWILIO_FROM' | 'TWILIO_API_URL' | 'PUBLIC_URL'>;
  now?: () => Date;
}

const WHATSAPP = 'whatsapp:';
const bare = (address: string) =>
  address.toLowerCase().startsWith(WHATSAPP) ? address.slice(WHATSAPP.length) : address;

/** Sender and recipient as Twilio wants them for the row's channel. */
export function addressing(
  from: string,
  to: string,
  channel: string,
): Pick<MessageParams, 'from' | 'to' | 'messagingServiceSid'> {
  const recipient = channel === 'whatsapp' ? `${WHATSAPP}${bare(to)}` : bare(to);
  if (/^MG[0-9a-f]{32}$/i.test(from)) return { to: recipient, messagingServiceSid: from };
  return { to: recipient, from: channel === 'whatsapp' ? `${WHATSAPP}${bare(from)}` : bare(from) };
}

/** Fills a template's variables (`{reference}`, `{body}`) and serializes them as Twilio's ContentVariables JSON. */
export function contentVariables(template: WhatsappTemplate, values: Record<string, string>): string {
  const filled: Record<string, string> = {};
  for (const [key, value] of Object.entries(template.variables ?? {})) {
    filled[key] = value.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
  }
  return JSON.stringify(filled);
}

/** A Twilio REST error that retrying cannot fix: any 4xx except 429 (rate limited) and 408. */
function finalTwilioError(err: unknown): { status: number; code: number | undefined; message: string } | null {
  const e = err as { status?: unknown; code?: unknown; message?: unknown };
  if (typeof e?.status !== 'number' || e.status < 400 || e.status >= 500 || e.status === 429 || e.status === 408)
    return null;
  return { status: e.status, code: typeof e.code === 'number' ? e.code : undefined, message: String(e.message ?? '') };
}

export function createTwilioTransport(deps: TwilioTransportDeps): Transport {
  const client = createTwilioClient(deps.config);
  const now = deps.now ?? (() => new Date());

  async function body(
    row: OutboundMessageRow,
    db: DbOrTrx,
  ): Promise<Pick<MessageParams, 'body' | 'contentSid' | 'contentVariables'> | SendResult> {
    if (row.channel !== 'whatsapp') return { body: row.body };
    const last = await lastInboundAt(db, 'phone', bare(row.to_address));
    if (last && now().getTime() - last.getTime() < WHATSAPP_WINDOW_MS) return { body: row.body };
    const template = (await loadSettings(db)).whatsappTemplates[row.purpose];
    if (!template?.contentSid) {
      return {
        state: 'failed',
        error: `twilio error 63016: outside the whatsapp 24-hour window and no approved template is configured for purpose ${row.purpose} (settings.whatsappTemplates)`,
      };
    }
    const incident = row.incident_id ? await findIncidentById(db, row.incident_id) : undefined;
    return {
      contentSid: template.contentSid,
      contentVariables: contentVariables(template, { reference: incident?.reference ?? '', body: row.body }),
    };
  }

  return {
    name: 'twilio',
    async send(row, db) {
      if (!client || !deps.config.TWILIO_FROM) {
        return {
          state: 'failed',
          error: 'twilio is not configured: TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM are required',
        };
      }
      const content = await body(row, db);
      if ('state' in content) return content;
      const addresses = addressing(deps.config.TWILIO_FROM, row.to_address, row.channel);
      try {
        if (row.send_attempted_at && content.body) {
          const earlier = await findEarlierSend(client, db, {
            to: addresses.to,
            from: addresses.from,
            body: content.body,
            attemptedAt: new Date(row.send_attempted_at),
            outboundId: row.id,
          }).catch((err: unknown) => {
            // Twilio refusing the look-up (a 4xx) must not stop the message: sending twice beats never sending.
            if (finalTwilioError(err)) return null;
            throw err;
          });
          if (earlier) return { state: 'sent', providerMessageId: earlier };
        }
        const message = await client.messages.create({
          ...addresses,
          ...content,
          statusCallback: `${deps.config.PUBLIC_URL}/webhooks/twilio/status`,
        });
        return { state: 'sent', providerMessageId: message.sid };
      } catch (err) {
        const final = finalTwilioError(err);
        if (!final) throw err;
        return { state: 'failed', error: `twilio error ${final.code ?? final.status}: ${final.message}`.slice(0, 500) };
      }
    },
  };
}
