/**
 * Finds seeded reporters' data in a text (a log, a dump of Redis): phone numbers in any of their forms, and
 * message bodies. docs/architecture.md rule 8: neither may appear in a log, nor linger in Redis after processing.
 */
import type { SeededMessage } from './seeded-messages';

/** Bodies this short ("ok", "p", "tes") occur in any text; every longer one is looked for whole. */
const MIN_BODY = 10;

export function personalDataIn(text: string, messages: SeededMessage[]): string[] {
  const found: string[] = [];
  // Every seeded number is +62 812 xxxxxxxx: the national significant part is in the local (0812…), E.164
  // (+62812…) and WhatsApp (whatsapp:+62812…) forms alike, and in a number split as 62812….
  const phones = new Set(messages.map((m) => m.phone.replace('+62', '')));
  // A lookahead finds every 11-digit run, overlapping ones included (a number inside a longer run of digits).
  for (const match of text.matchAll(/(?=(8\d{10}))/g)) if (phones.has(match[1]!)) found.push(`phone ${match[1]}`);
  const bodies = new Set(messages.map((m) => m.raw.text ?? '').filter((b) => b.length >= MIN_BODY));
  for (const body of bodies) if (text.includes(body)) found.push(`body ${body.slice(0, 40)}…`);
  return found;
}
