/**
 * A message as it arrived from a provider, before anything was understood of it.
 * This is the payload of an `inbound` job; the channel adapter builds it, the normalize processor consumes it.
 */
/**
 * Inbound channels: the three providers residents write through, reports taken by staff ('phone', 'walk_in'), the RT
 * heads' app ('app') and partner systems speaking Open311 ('open311'). Replies leave only by sms, whatsapp or email.
 */
export const CHANNELS = ['sms', 'whatsapp', 'email', 'phone', 'walk_in', 'app', 'open311'] as const;
export type Channel = (typeof CHANNELS)[number];

/** The channels a reply can leave by; a message that came any other way is never answered automatically. */
export type ReplyChannel = 'sms' | 'whatsapp' | 'email';

export function replyChannelOf(channel: Channel): ReplyChannel | null {
  return channel === 'sms' || channel === 'whatsapp' || channel === 'email' ? channel : null;
}

export interface RawAttachmentRef {
  /** Where the worker fetches the bytes (Twilio media URL); never fetched in the webhook. */
  url: string;
  contentType: string | null;
}

export interface RawMessage {
  channel: Channel;
  /** 'twilio' | 'smssync' | 'imap' | 'import' | 'test' … */
  provider: string;
  /**
   * The stored identity (ARCHITECTURE.md rule 2): provider message id for SMS/WhatsApp (MessageSid, SMSSync
   * message_id), the Message-ID for email (sha256 of the source when there is none).
   */
  externalId: string;
  /** ISO-8601. */
  receivedAt: string;
  /** Sender as the provider gave it: "+62812…", "whatsapp:+62812…", or an email From header value. */
  from: string;
  to?: string | null;
  subject?: string | null;
  /** Plain text body (SMS, WhatsApp); for email the worker parses `rawSource` instead. */
  text?: string | null;
  /** Email: the full RFC 822 source, base64. */
  rawSource?: string | null;
  /** Provider parameters as received (Twilio form, SMSSync form), kept for audit. */
  params?: Record<string, string>;
  profileName?: string | null;
  geo?: { latitude: number; longitude: number; address?: string | null; label?: string | null } | null;
  media?: RawAttachmentRef[];
  /** Email: recorded from headers only because it exceeded MAX_EMAIL_BYTES. */
  tooLarge?: { size: number; headers: string } | null;
  /** Email: which mailbox and UID it came from, for reconcile and optional move. */
  mailbox?: { name: string; uidValidity: string; uid: number } | null;
}
