/** Signed inbound Twilio webhooks (WhatsApp), built and signed with the `twilio` package itself. */
import { randomBytes } from 'node:crypto';
import twilio from 'twilio';
import { senderPhone, smsTexts } from './sms-corpus';

export interface SignedRequest {
  headers: Record<string, string>;
  body: string;
  /** The sender in E.164, as the incident's reporter phone will show it. */
  phone: string;
}

/**
 * `count` distinct messages (a MessageSid each: every one is a real queue.add), from distinct senders, with the
 * corpus's texts; `reportsOnly` keeps only texts that open an incident (no "ok", no status questions).
 */
export function signedTwilioRequests(
  publicUrl: string,
  creds: { accountSid: string; authToken: string },
  count: number,
  options: { reportsOnly?: boolean; senderOffset?: number } = {},
): SignedRequest[] {
  const url = `${publicUrl}/webhooks/twilio`;
  let texts = smsTexts(count * 2);
  if (options.reportsOnly) texts = texts.filter((t) => t.length > 40 && !t.startsWith('STATUS'));
  return texts.slice(0, count).map((text, i) => {
    const phone = senderPhone((options.senderOffset ?? 0) + i);
    const form: Record<string, string> = {
      MessageSid: `SM${randomBytes(16).toString('hex')}`,
      AccountSid: creds.accountSid,
      From: `whatsapp:${phone}`,
      To: 'whatsapp:+14155238886',
      Body: text,
      NumMedia: '0',
      ProfileName: 'Pelapor',
      WaId: phone.slice(1),
      SmsStatus: 'received',
      ApiVersion: '2010-04-01',
    };
    return {
      phone,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': twilio.getExpectedTwilioSignature(creds.authToken, url, form),
      },
      body: new URLSearchParams(form).toString(),
    };
  });
}
