/** A phone number written in a message's text, found for the normalizer. */
import { toE164 } from '../shared/phone-number';

const TEXT_PHONE_RE = /(?:\+62|\b62|\b0)8\d{1,2}(?:[\s.-]?\d){6,10}\b/;

/** The first Indonesian mobile number written in a text (an email signature's "HP: 0812…"), as E.164. */
export function findPhoneInText(text: string): string | null {
  const m = TEXT_PHONE_RE.exec(text);
  return m ? toE164(m[0]) : null;
}
