/** Email senders: the address (lowercased) and the display name from a From header value. */

export interface EmailSender {
  email: string | null;
  name: string | null;
}

const ANGLE_RE = /<\s*([^<>\s]+@[^<>\s]+)\s*>/;
const BARE_RE = /([^\s<>"(),;:]+@[^\s<>"(),;:]+\.[^\s<>"(),;:]+)/;
const ENCODED_WORD_RE = /=\?([^?]+)\?([bq])\?([^?]*)\?=/gi;

/** Decodes RFC 2047 encoded words ("=?UTF-8?B?…?=") in a header value; leaves it as is when it cannot. */
export function decodeEncodedWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(ENCODED_WORD_RE, (whole, charset: string, enc: string, data: string) => {
      try {
        const bytes =
          enc.toLowerCase() === 'b'
            ? Buffer.from(data, 'base64')
            : Buffer.from(
                data
                  .replace(/_/g, ' ')
                  .replace(/=([0-9a-f]{2})/gi, (_m, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
                'latin1',
              );
        return new TextDecoder(charset.toLowerCase(), { fatal: false }).decode(bytes);
      } catch {
        return whole;
      }
    });
}

/**
 * Parses `"Name" <user@example.com>`, `Name <user@example.com>`, `user@example.com (Name)` or a bare address.
 * An address that is only the name repeated ("budi@x.id" <budi@x.id>) gives no name.
 */
export function parseEmailSender(from: string | null | undefined): EmailSender {
  if (!from) return { email: null, name: null };
  const value = decodeEncodedWords(from).trim();
  const angle = ANGLE_RE.exec(value);
  let email: string | null = null;
  let name: string | null = null;
  if (angle) {
    email = (angle[1] ?? '').toLowerCase();
    name = value.slice(0, angle.index).trim();
  } else {
    const bare = BARE_RE.exec(value);
    if (bare) {
      email = (bare[1] ?? '').toLowerCase();
      const comment = /\(([^()]*)\)/.exec(value);
      name = comment ? (comment[1] ?? '').trim() : null;
    } else if (/^<?>?$/.test(value) || /^mailer-daemon$/i.test(value)) {
      return { email: null, name: null };
    }
  }
  if (name) {
    name = name
      .replace(/^"(.*)"$/s, '$1')
      .replace(/\\(.)/g, '$1')
      .trim();
    if (!name || name.toLowerCase() === email) name = null;
  }
  return { email, name: name || null };
}
