/**
 * "OK HK-7Q3F2K" from a number on the duty roster acknowledges an alert. Read forgivingly (case, punctuation, "oke",
 * a word of thanks after it) but strictly enough that a report which happens to begin with "ok" is never taken for one:
 * the message is short and quotes exactly one reference code.
 */
import { findReferenceCodes } from '../normalize/reference-codes';

const ACK_RE = /^\s*(?:ok|oke|okay|siap|ack)\b/i;
const MAX_LENGTH = 80;

/** The reference code acknowledged, or null when the text is not an acknowledgement. */
export function parseAcknowledgement(text: string): string | null {
  if (text.length > MAX_LENGTH || !ACK_RE.test(text)) return null;
  const codes = findReferenceCodes(text);
  return codes.length === 1 ? codes[0]! : null;
}
