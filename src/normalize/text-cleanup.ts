/**
 * First pass over any message: Unicode NFKC (so fancy fonts and full-width digits read as plain text), emoji and
 * invisible characters out, quotes unified, whitespace tidied. Newlines are kept as "\n" because email letters and
 * structured messages use them; `oneLine` flattens for display.
 */

// Emoji and pictographs, their modifiers and joiners, and zero-width characters carry no place, time or category.
const EMOJI_RE =
  /[\p{Extended_Pictographic}\u{1F1E6}-\u{1F1FF}\u{1F3FB}-\u{1F3FF}\uFE0E\uFE0F\u20E3\u200B-\u200D\u2060\uFEFF]/gu;
const QUOTES_RE = /[\u2018\u2019\u201A\u201B\u02BC\u0060\u00B4]/g;
const DQUOTES_RE = /[\u201C\u201D\u201E\u201F]/g;
const DASHES_RE = /[\u2010-\u2015\u2212]/g;
const SPACES_RE = /[^\S\n]+/g;
// Control characters (other than newline and tab) are transport debris.
const CONTROL_RE = /(?![\n\t])\p{Cc}/gu;

const PLAIN_RE = /^[\x20-\x7E\n\r\t]*$/;

/** Cleans a message body; keeps line breaks (at most one blank line in a row). */
export function cleanText(text: string): string {
  // Plain ASCII (most SMS) needs only the whitespace rules, and the line rules only where there are lines.
  if (PLAIN_RE.test(text)) {
    const spaced = text.replace(SPACES_RE, ' ');
    if (!text.includes('\n') && !text.includes('\r')) return spaced.trim();
    return text
      .replace(/\r\n?/g, '\n')
      .replace(SPACES_RE, ' ')
      .replace(/ ?\n ?/g, '\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim();
  }
  return text
    .normalize('NFKC')
    .replace(/\r\n?/g, '\n')
    .replace(EMOJI_RE, ' ')
    .replace(CONTROL_RE, ' ')
    .replace(QUOTES_RE, "'")
    .replace(DQUOTES_RE, '"')
    .replace(DASHES_RE, '-')
    .replace(SPACES_RE, ' ')
    .replace(/ ?\n ?/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** One line, single spaces: for titles, summaries and location text. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Cuts at a word boundary to at most `max` characters, adding "…" when something was cut. */
export function truncateWords(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.-]+$/, '')}…`;
}
