/**
 * Reporter phone numbers to E.164 through libphonenumber-js, Indonesia as the default region: "081245678901",
 * "6281245678901", "+62 812-4000-1234", "whatsapp:+6281…" all become "+62812…". Alphanumeric senders
 * ("TELKOMSEL", "INDOSAT") and short codes are not phones.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js';

const CHANNEL_PREFIX_RE = /^(?:whatsapp|sms|tel|wa):/i;

/** E.164 of a sender address or a number written in text, or null when it is not a phone number. */
export function toE164(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const s = raw.trim().replace(CHANNEL_PREFIX_RE, '').trim();
  // A sender with letters is a name (operator, bank), never a phone.
  if (!s || /[a-z]/i.test(s)) return null;
  let digits = s.replace(/[^\d+]/g, '');
  if (digits.startsWith('00')) digits = `+${digits.slice(2)}`;
  // "6281…" without the plus is the international form written lazily, not a national number.
  else if (/^62[1-9]\d{7,12}$/.test(digits)) digits = `+${digits}`;
  if (digits.replace('+', '').length < 8) return null;
  const parsed = parsePhoneNumberFromString(digits, 'ID');
  if (!parsed?.isPossible()) return null;
  return parsed.number;
}
