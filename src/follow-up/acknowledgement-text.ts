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

/**
 * The answer to an officer's "OK": that it counted and the alerts stop, or, when someone else acknowledged first,
 * who holds the incident (so that two officers do not both set off, or both assume the other did).
 */
export function acknowledgementConfirmation(a: {
  reference: string;
  officer: string;
  first: boolean;
  acknowledgedBy: string | null;
}): string {
  if (a.first || !a.acknowledgedBy || a.acknowledgedBy === a.officer)
    return `Halo Kesbang: terima kasih, ${a.officer}. ${a.reference} tercatat Anda tangani; peringatan dihentikan.`;
  return `Halo Kesbang: ${a.reference} sudah lebih dulu diterima oleh ${a.acknowledgedBy}.`;
}
