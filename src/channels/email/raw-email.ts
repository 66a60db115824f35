/**
 * Builds the inbound RawMessage of an email, whichever way it came (IMAP, `halo import`, `halo reconcile`):
 * the same identity, the same payload. Only the header block is read here; the worker parses the rest.
 */
import type { RawMessage } from '../../core/raw-message';
import { firstHeader, headerBlockOf, parseHeaderBlock, withoutNul } from './email-headers';
import { emailIdentity } from './email-identity';

export interface RawEmailInput {
  provider: 'imap' | 'import';
  /** The whole source, or only its header block for a message over MAX_EMAIL_BYTES (then `size` is required). */
  source: Buffer;
  tooLarge?: { size: number } | null;
  /** When the message reached the mailbox (IMAP INTERNALDATE); the Date header, else now, when absent. */
  receivedAt?: Date | null;
  mailbox?: RawMessage['mailbox'];
}

export function buildRawEmail(input: RawEmailInput): RawMessage {
  const headerBlock = headerBlockOf(input.source);
  const headerText = withoutNul(headerBlock.toString('utf8'));
  const headers = parseHeaderBlock(headerText);
  // A message without Message-ID is known by the hash of what we hold of it: its source, or its headers when large.
  const externalId = emailIdentity(firstHeader(headers, 'message-id'), input.tooLarge ? headerBlock : input.source);
  return {
    channel: 'email',
    provider: input.provider,
    externalId,
    receivedAt: receivedAtOf(input.receivedAt, firstHeader(headers, 'date')).toISOString(),
    from: firstHeader(headers, 'from') ?? '',
    to: firstHeader(headers, 'to'),
    subject: firstHeader(headers, 'subject'),
    rawSource: input.tooLarge ? null : input.source.toString('base64'),
    tooLarge: input.tooLarge ? { size: input.tooLarge.size, headers: headerText } : null,
    mailbox: input.mailbox ?? null,
  };
}

function receivedAtOf(given: Date | null | undefined, dateHeader: string | null): Date {
  if (given && !Number.isNaN(given.getTime())) return given;
  const parsed = dateHeader ? new Date(dateHeader) : null;
  if (parsed && !Number.isNaN(parsed.getTime())) return parsed;
  return new Date();
}
