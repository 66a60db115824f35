/**
 * How channel 'email' is read: the raw RFC 822 source → what the thread shows and what the normalizer reads.
 * mailparser with its limits set, any charset (iconv-lite through libmime), HTML-only mail read through its text
 * rendering, quotes and signatures left out of what the normalizer reads, HTML sanitized, attachments capped.
 */
import { type Attachment, type ParsedMail, simpleParser } from 'mailparser';
import type { PreparedAttachment, PreparedMessage } from '../../core/prepared-message';
import { UnreadableMessageError } from '../../core/prepared-message';
import type { RawMessage } from '../../core/raw-message';
import { firstHeader, type HeaderMap, headersFromLines, parseHeaderBlock, withoutNul } from './email-headers';
import { htmlToPlainText, sanitizeEmailHtml } from './email-html';
import { messageIdList, normalizeMessageId } from './email-identity';
import { stripQuotedReply } from './quoted-reply';
import { tooLargeText } from './too-large-text';

export interface AttachmentCaps {
  /** Bytes per attachment; larger ones are listed without content. */
  perFile: number;
  /** Bytes of attachment content kept per message. */
  perMessage: number;
}

/** HTML beyond this many characters is not converted to text (mailparser's html-to-text is the costly part). */
export const MAX_HTML_TO_TEXT = 2 * 1024 * 1024;

const PARSER_OPTIONS = {
  skipTextToHtml: true,
  skipTextLinks: true,
  skipImageLinks: true,
  keepCidLinks: true,
  maxHtmlLengthToParse: MAX_HTML_TO_TEXT,
} as const;

/** Prepares one message; in the service it runs inside a parse thread (email-parse-thread.ts). */
export async function prepareEmail(raw: RawMessage, caps: AttachmentCaps): Promise<PreparedMessage> {
  if (raw.tooLarge) return prepareTooLarge(raw, raw.tooLarge);
  if (!raw.rawSource) throw new UnreadableMessageError('email-no-source: the message has no raw source');
  let parsed: ParsedMail;
  try {
    parsed = await simpleParser(Buffer.from(raw.rawSource, 'base64'), PARSER_OPTIONS);
  } catch (err) {
    throw new UnreadableMessageError(`email-parse: ${err instanceof Error ? err.message : String(err)}`);
  }
  const headers = headersFromLines(parsed.headerLines);
  const html = typeof parsed.html === 'string' ? withoutNul(parsed.html) : null;
  // mailparser renders HTML-only mail as text; when it refused (too long, too deep) the sanitizer's text stands in.
  const text = withoutNul(parsed.text?.trim() ? parsed.text : html ? htmlToPlainText(html) : '');
  const from = parsed.from?.value[0];
  return {
    input: {
      channel: 'email',
      from: withoutNul(parsed.from?.text || raw.from),
      subject: parsed.subject ? withoutNul(parsed.subject) : null,
      text: stripQuotedReply(text),
      receivedAt: raw.receivedAt,
      headers,
      profileName: from?.name ? withoutNul(from.name) : null,
    },
    body: text.trim(),
    html: sanitizeEmailHtml(html),
    attachments: keepAttachments(parsed.attachments, caps),
    emailMessageId: normalizeMessageId(firstHeader(headers, 'message-id')),
    inReplyTo: threadIds(headers),
  };
}

/** A message recorded from its headers only: staff see why, the normalizer reads the subject and the reason. */
function prepareTooLarge(raw: RawMessage, tooLarge: { size: number; headers: string }): PreparedMessage {
  const headers = parseHeaderBlock(tooLarge.headers);
  const body = tooLargeText(tooLarge.size);
  return {
    input: {
      channel: 'email',
      from: firstHeader(headers, 'from') ?? raw.from,
      subject: firstHeader(headers, 'subject') ?? raw.subject ?? null,
      text: body,
      receivedAt: raw.receivedAt,
      headers,
      profileName: null,
    },
    body,
    html: null,
    attachments: [],
    emailMessageId: normalizeMessageId(firstHeader(headers, 'message-id')),
    inReplyTo: threadIds(headers),
  };
}

/** In-Reply-To first (the message answered), then References (the whole chain). */
/**
 * How many thread ids a message keeps: a real thread names a few dozen at most, and each is looked up when the
 * message is written (a batch looks up all of its messages' ids in one statement).
 */
const MAX_THREAD_IDS = 100;

/** The ids the message answers: In-Reply-To first, then References; a longer list keeps its first and newest ids. */
function threadIds(headers: HeaderMap): string[] {
  const ids = messageIdList(headers['in-reply-to'], headers.references);
  return ids.length <= MAX_THREAD_IDS ? ids : [ids[0]!, ...ids.slice(-(MAX_THREAD_IDS - 1))];
}

/** Attachments within the caps keep their content; the rest are listed with the reason (nothing vanishes). */
function keepAttachments(attachments: Attachment[], caps: AttachmentCaps): PreparedAttachment[] {
  let kept = 0;
  return attachments.map((a) => {
    const base = {
      filename: a.filename ? withoutNul(a.filename) : null,
      contentType: a.contentType ?? null,
      size: a.size ?? a.content.length,
    };
    if (base.size > caps.perFile) {
      return { ...base, content: null, error: `attachment-too-large: over the per-file cap of ${caps.perFile} bytes` };
    }
    if (kept + base.size > caps.perMessage) {
      return {
        ...base,
        content: null,
        error: `attachments-over-cap: over the per-message cap of ${caps.perMessage} bytes`,
      };
    }
    kept += base.size;
    return { ...base, content: a.content };
  });
}
