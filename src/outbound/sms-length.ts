/**
 * How long a text is as SMS: characters, encoding and parts, counted by Twilio's `sms-segments-calculator` (the
 * settings form counts with the same package). One SMS holds 160 GSM-7 characters, or 70 when one character needs
 * UCS-2; a longer text is sent in parts of 153 or 67, each billed.
 */
import { SegmentedMessage } from 'sms-segments-calculator';
import SmartEncodingMap from 'sms-segments-calculator/dist/libs/SmartEncodingMap';

export interface SmsLength {
  characters: number;
  encoding: 'GSM-7' | 'UCS-2';
  parts: number;
}

export function smsLength(text: string): SmsLength {
  const m = new SegmentedMessage(text);
  return { characters: m.numberOfCharacters, encoding: m.encodingName, parts: m.segmentsCount };
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
