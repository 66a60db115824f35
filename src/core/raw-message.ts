/**
 * A message as it arrived from a provider, before anything was understood of it.
 * This is the payload of an `inbound` job; the channel adapter builds it, the normalize processor consumes it.
 */
import type { Channel } from './channel';
import type { Category, NormalizedLocation, Priority } from './normalized-message';

/**
 * A report staff typed in (`POST /api/incidents`): who took it, the fields staff confirmed or changed (applied over
 * the normalizer's reading and kept as staff corrections) and whether the reporter gets the code by SMS.
 */
export interface StaffEntry {
  userId: string;
  fields: {
    category?: Category | null;
    priority?: Priority;
    /** Resolved against the gazetteer by the API (names and codes). */
    location?: Pick<NormalizedLocation, 'kecamatan' | 'kecamatanCode' | 'kelurahan' | 'kelurahanCode' | 'rt' | 'rw'>;
    occurredAt?: string | null;
  };
  sendCode: boolean;
  /** An operator turns a message already stored (noise, auto-reply, unreadable) into a report ("Pesan lain"). */
  fromStoredMessage?: boolean;
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
   * The stored identity (docs/architecture.md rule 2): provider message id for SMS/WhatsApp (MessageSid, SMSSync
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
  /** Channels phone and walk_in: the staff member's entry. */
  staffEntry?: StaffEntry | null;
}
