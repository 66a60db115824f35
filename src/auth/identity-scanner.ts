/**
 * Finds phone numbers and e-mail addresses in free text in linear time: small hand scanners instead of regular
 * expressions, because a backtracking pattern over a long word without spaces or '@' turns one hostile message into
 * seconds (or minutes) of CPU on the one thread that also serves the webhooks and the workers. Every loop either
 * moves forward or is bounded by a small constant (the longest phone number, the longest e-mail local part).
 */

export interface Span {
  start: number;
  end: number;
  kind: 'phone' | 'email';
}

const MAX_PHONE_DIGITS = 15; // E.164
const MAX_SEPARATORS_IN_A_ROW = 2; // ") " or " (" or " -"
const MAX_LOCAL_PART = 64; // RFC 5321
const MAX_DOMAIN = 253;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

const LETTER_OR_NUMBER = /[\p{L}\p{N}]/u;

function isWordChar(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return isDigit(c) || isAsciiLetter(c);
  return LETTER_OR_NUMBER.test(text[i]!);
}

/** Space, no-break space, dot, dash, brackets: what people put between the digits of a number. */
function isPhoneSeparator(c: number): boolean {
  return c === 32 || c === 160 || c === 46 || c === 45 || c === 40 || c === 41 || c === 8211;
}

/** Whether a number may start at `i`: not inside a word, nor inside a number written with dots or dashes. */
function phoneMayStartAt(text: string, i: number): boolean {
  if (i === 0) return true;
  if (isWordChar(text, i - 1)) return false;
  const before = text.charCodeAt(i - 1);
  if ((before === 46 || before === 45) && i >= 2 && isDigit(text.charCodeAt(i - 2))) return false;
  return before !== 43; // '+' belongs to the number that starts there
}

/** The digits a plausible phone number starts with: +CC…, 0…, 62 8… (Indonesian mobile without the plus). */
function looksLikePhone(plus: boolean, digits: string): boolean {
  const n = digits.length;
  if (plus) return n >= 8 && n <= MAX_PHONE_DIGITS && digits[0] !== '0';
  if (digits[0] === '0') return n >= 9;
  if (digits.startsWith('628')) return n >= 10 && n <= 14;
  return false;
}

/** A phone number starting at `start` (a '+', '(' or digit): its end, or -1. Reads at most ~50 characters. */
function phoneAt(text: string, start: number): { end: number; compact: string } | -1 {
  let i = start;
  let plus = false;
  let digits = '';
  let end = -1;
  let separators = 0;
  if (text.charCodeAt(i) === 43) {
    plus = true;
    i++;
  } else if (text[i] !== '0' && text[i] !== '6') return -1; // only 0… and 62… are numbers without a plus
  for (; i < text.length && digits.length < MAX_PHONE_DIGITS; i++) {
    const c = text.charCodeAt(i);
    if (isDigit(c)) {
      digits += text[i];
      end = i + 1;
      separators = 0;
    } else if (isPhoneSeparator(c) && ++separators <= MAX_SEPARATORS_IN_A_ROW) {
      // a separator between digit groups
    } else break;
  }
  // A number glued to letters ("0812345678901abc") is a word, not a phone.
  if (end < 0 || (end < text.length && isWordChar(text, end) && !isDigit(text.charCodeAt(end)))) return -1;
  if (!looksLikePhone(plus, digits)) return -1;
  return { end, compact: `${plus ? '+' : ''}${digits}` };
}

/** Phone numbers as people write them: "(0812) 3456 7890", "+62 (812) 9876-5432", "0812.3456.7890", "+1 415 555 0100". */
export function findPhones(text: string): (Span & { compact: string })[] {
  const found: (Span & { compact: string })[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if ((isDigit(c) || c === 43 || c === 40) && phoneMayStartAt(text, i)) {
      // "(0812)": the bracket is part of the number's span.
      const first = c === 40 ? i + 1 : i;
      const hit = first < text.length ? phoneAt(text, first) : -1;
      if (hit !== -1) {
        found.push({ start: i, end: hit.end, kind: 'phone', compact: hit.compact });
        i = hit.end;
        continue;
      }
    }
    i++;
  }
  return found;
}

function isLocalChar(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  // . _ % + - and letters/digits of any script
  return c === 46 || c === 95 || c === 37 || c === 43 || c === 45 || isWordChar(text, i);
}

function isDomainChar(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c === 46 || c === 45 || isWordChar(text, i);
}

/** E-mail addresses: found from each '@' outwards, never more than a local part's or a domain's length away. */
export function findEmails(text: string): Span[] {
  const found: Span[] = [];
  let from = 0;
  for (let at = text.indexOf('@', from); at !== -1; at = text.indexOf('@', from)) {
    let start = at;
    while (start > 0 && at - start < MAX_LOCAL_PART && isLocalChar(text, start - 1)) start--;
    let end = at + 1;
    while (end < text.length && end - at <= MAX_DOMAIN && isDomainChar(text, end)) end++;
    // "…@kantor.go.id." at the end of a sentence: the dot is punctuation.
    while (end > at + 1 && (text[end - 1] === '.' || text[end - 1] === '-')) end--;
    const domain = text.slice(at + 1, end);
    const lastDot = domain.lastIndexOf('.');
    const tld = lastDot > 0 ? domain.slice(lastDot + 1) : '';
    if (start < at && tld.length >= 2 && !/\d/.test(tld)) {
      found.push({ start, end, kind: 'email' });
      from = end;
    } else from = at + 1;
  }
  return found;
}
