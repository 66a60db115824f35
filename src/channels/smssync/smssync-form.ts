/**
 * SMSSync's inbound form → RawMessage: from, message, message_id, sent_to, device_id, sent_timestamp (the secret is
 * checked by the route and never stored). Phone numbers become E.164 (Indonesian numbers by default: 0812… →
 * +62812…); alphanumeric senders ("TELKOMSEL") stay as they are, and the loop guard never answers them.
 */
import { createHash } from 'node:crypto';
import type { RawMessage } from '../../core/raw-message';
import { toE164 } from '../../shared/phone-number';

export type SmssyncForm = Record<string, string | string[] | undefined>;

export class SmssyncFormError extends Error {
  readonly code = 'smssync_form_invalid';
}

const one = (form: SmssyncForm, name: string): string | null => {
  const v = form[name];
  const s = Array.isArray(v) ? v[0] : v;
  return s === undefined ? null : String(s);
};

/** E.164 when the text is a phone number (the normalizer's reading), the text unchanged otherwise. */
export function gatewayAddress(address: string): string {
  return toE164(address) ?? address.trim();
}

/** sent_timestamp in Unix milliseconds (SMSSync) or seconds; a missing, odd or future value means "now". */
export function receivedAtOf(value: string | null, now: Date): Date {
  const n = Number(value);
  if (!value || !Number.isFinite(n) || n <= 0) return now;
  const at = new Date(n > 1e12 ? n : n * 1000);
  // A phone clock running ahead must not date a message into the future.
  return at.getTime() > now.getTime() + 5 * 60_000 ? now : at;
}

export function rawMessageFromSmssyncForm(form: SmssyncForm, now: Date): RawMessage {
  const from = one(form, 'from')?.trim();
  const message = one(form, 'message');
  if (!from) throw new SmssyncFormError('smssync: from is missing');
  if (message === null) throw new SmssyncFormError('smssync: message is missing');
  const receivedAt = receivedAtOf(one(form, 'sent_timestamp'), now);
  // message_id is SMSSync's own id; a gateway without one gets an id from the message itself, so a re-send dedupes.
  const externalId =
    one(form, 'message_id')?.trim() ||
    `h-${createHash('sha256')
      .update([one(form, 'device_id'), from, one(form, 'sent_timestamp'), message].join('\u0000'))
      .digest('hex')
      .slice(0, 40)}`;
  const params: Record<string, string> = {};
  for (const [k, v] of Object.entries(form)) {
    if (k !== 'secret' && v !== undefined) params[k] = Array.isArray(v) ? v.join(',') : String(v);
  }
  const sentTo = one(form, 'sent_to');
  return {
    channel: 'sms',
    provider: 'smssync',
    externalId,
    receivedAt: receivedAt.toISOString(),
    from: gatewayAddress(from),
    to: sentTo ? gatewayAddress(sentTo) : null,
    text: message,
    params,
  };
}
