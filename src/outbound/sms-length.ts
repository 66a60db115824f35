/**
 * How long a text is as SMS, as the network counts it (Twilio's `sms-segments-calculator`; the settings form counts
 * with the same function): GSM-7 fits 160 characters in one part and 153 per part after that; one character outside
 * GSM-7 (an en dash, an emoji) makes the whole text UCS-2, 70 and 67 per part. Each part is paid for.
 */
import { SegmentedMessage } from 'sms-segments-calculator';
import SmartEncodingMap from 'sms-segments-calculator/dist/libs/SmartEncodingMap';

export interface SmsLength {
  characters: number;
  parts: number;
  encoding: 'GSM-7' | 'UCS-2';
  /** Characters that forced UCS-2, shown so the admin can replace them. */
  nonGsm: string[];
}

export function smsLength(text: string): SmsLength {
  const m = new SegmentedMessage(text);
  const encoding = m.encodingName === 'GSM-7' ? 'GSM-7' : 'UCS-2';
  const nonGsm = encoding === 'UCS-2' ? [...new Set(m.getNonGsmCharacters())] : [];
  return { characters: m.numberOfCharacters, parts: m.segmentsCount, encoding, nonGsm };
}

/**
 * Curly quotes, long dashes, the ellipsis and their kin replaced by their plain GSM-7 forms (Twilio's "smart
 * encoding" map): one such character in a template typed in a word processor would make every SMS UCS-2, 70
 * characters a part instead of 160.
 */
export function gsmFriendly(text: string): string {
  let out = '';
  for (const ch of text) out += SmartEncodingMap[ch] ?? ch;
  return out;
}
