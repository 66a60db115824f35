/**
 * Twilio's Messaging webhook form → RawMessage. Reads what Twilio sends for SMS, MMS and WhatsApp: MessageSid,
 * From/To, Body, NumMedia with MediaUrlN/MediaContentTypeN, WhatsApp ProfileName/WaId and location messages
 * (Latitude, Longitude, Address, Label). Media is only listed here; the worker fetches it (twilio-media-preparer).
 */
import type { RawAttachmentRef, RawMessage } from '../../core/raw-message';

export type TwilioForm = Record<string, string | string[] | undefined>;

/** The first value of a form field (a repeated key arrives as an array). */
export function field(form: TwilioForm, name: string): string | null {
  const v = form[name];
  const one = Array.isArray(v) ? v[0] : v;
  return one === undefined || one === null ? null : String(one);
}

/** Twilio error for a form that cannot be a message: the webhook answers 400 with this code. */
export class TwilioFormError extends Error {
  readonly code = 'twilio_form_invalid';
}

const MAX_MEDIA = 10; // Twilio sends at most 10 media per message

function mediaOf(form: TwilioForm): RawAttachmentRef[] {
  const count = Math.min(MAX_MEDIA, Math.max(0, Number.parseInt(field(form, 'NumMedia') ?? '0', 10) || 0));
  const media: RawAttachmentRef[] = [];
  for (let i = 0; i < count; i++) {
    const url = field(form, `MediaUrl${i}`);
    if (url) media.push({ url, contentType: field(form, `MediaContentType${i}`) });
  }
  return media;
}

function geoOf(form: TwilioForm): RawMessage['geo'] {
  const lat = Number.parseFloat(field(form, 'Latitude') ?? '');
  const lon = Number.parseFloat(field(form, 'Longitude') ?? '');
  if (!Number.isFinite(lat) || !Number.isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180) return null;
  return { latitude: lat, longitude: lon, address: field(form, 'Address'), label: field(form, 'Label') };
}

/** Builds the inbound job payload; throws TwilioFormError when MessageSid or From is missing. */
export function rawMessageFromTwilioForm(form: TwilioForm, receivedAt: Date): RawMessage {
  const sid = field(form, 'MessageSid') ?? field(form, 'SmsMessageSid');
  const from = field(form, 'From');
  if (!sid) throw new TwilioFormError('twilio: MessageSid is missing');
  if (!from) throw new TwilioFormError('twilio: From is missing');
  const params: Record<string, string> = {};
  for (const [k, v] of Object.entries(form))
    if (v !== undefined) params[k] = Array.isArray(v) ? v.join(',') : String(v);
  return {
    channel: from.toLowerCase().startsWith('whatsapp:') ? 'whatsapp' : 'sms',
    provider: 'twilio',
    externalId: sid,
    receivedAt: receivedAt.toISOString(),
    from,
    to: field(form, 'To'),
    text: field(form, 'Body') ?? '',
    params,
    profileName: field(form, 'ProfileName'),
    geo: geoOf(form),
    media: mediaOf(form),
  };
}
