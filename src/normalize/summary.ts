/**
 * A short, clean version of the message for the incident list: greetings, letter formulas and signatures out,
 * one line, at most 280 characters.
 */
import { oneLine, truncateWords } from './text-cleanup';

const OPENERS_RE =
  /^(?:(?:assalamu'?alaikum(?: wr\.? ?wb\.?| warahmatullahi wabarakatuh)?|askum|ass\.?|salam sejahtera|selamat (?:pagi|siang|sore|malam)|slmt (?:pagi|siang|sore|malam)|met (?:pagi|siang|sore|malam)|halo|hallo|hai|permisi|maaf mengganggu|mohon maaf|dengan hormat|yth\.?[^\n]*|kepada yth\.?[^\n]*|lapor|izin lapor|ijin lapor)(?:[\s,.!:]*(?:pak|bapak|bu|ibu|min|admin|kak|bpk)?\b)?[\s,.!:]*)+/i;
const CLOSERS_RE =
  /(?:\n|[.!]\s+)(?:demikian|atas perhatian|terima ?kasih|hormat (?:kami|saya)|wassalam|salam,|regards|best regards|sent from my|dikirim dari)[\s\S]*$/i;

/** Summary of a message body (subject first when the body does not already say it). */
export function makeSummary(text: string, subject?: string | null, max = 280): string {
  let body = text.replace(CLOSERS_RE, '.').trim();
  body = body.replace(OPENERS_RE, '').trim();
  let s = oneLine(body);
  if (s) s = s[0]!.toUpperCase() + s.slice(1);
  const subj = subject ? oneLine(subject) : '';
  if (subj && !s.toLowerCase().includes(subj.toLowerCase())) s = s ? `${subj}: ${s}` : subj;
  return truncateWords(s.replace(/\.\.$/, '.'), max);
}
