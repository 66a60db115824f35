/**
 * A RawMessage made readable by its channel (email parsed, media listed): what the normalize processor stores in
 * the thread and hands to the normalizer. Channels build it; the processor knows no provider.
 */
import type { NormalizedMessage, NormalizeInput } from './normalized-message';

export interface PreparedAttachment {
  filename: string | null;
  contentType: string | null;
  size: number;
  /** null when it was not kept (over a cap, type not allowed, download failed): `error` says why. */
  content: Buffer | null;
  error?: string | null;
}

export interface PreparedMessage {
  input: NormalizeInput;
  /** The full text for the thread (the normalizer may read less: quotes and signatures stripped). */
  body: string;
  /** Sanitized HTML for staff, email only. */
  html: string | null;
  attachments: PreparedAttachment[];
  /** Email threading: this message's Message-ID and the ids it answers (In-Reply-To, References). */
  emailMessageId?: string | null;
  inReplyTo?: string[];
  /**
   * The normalizer's reading of `input`, when the channel's reader already made it off the main thread (email: in
   * the parse thread, the same function over the same cleaned input). Absent: the processor normalizes.
   */
  normalized?: NormalizedMessage;
}

/** The message cannot be read: it is stored raw with this reason and shown to staff as unreadable. */
export class UnreadableMessageError extends Error {
  readonly code = 'unreadable';
}
