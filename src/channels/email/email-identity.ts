/**
 * The stored identity of an email (docs/architecture.md rule 2): its Message-ID without angle brackets, or the SHA-256
 * of its source when it has none. IMAP, `halo import` and `halo reconcile` all derive it here, so they meet on it.
 */
import { createHash } from 'node:crypto';

/** "<abc@host>" → "abc@host"; null for an empty or missing id. The first id wins when a header lists several. */
export function normalizeMessageId(value: string | null | undefined): string | null {
  if (!value) return null;
  const bracketed = /<([^<>\s]+)>/.exec(value);
  const id = (bracketed ? bracketed[1] : value.trim().split(/\s+/)[0])?.trim() ?? '';
  return id.length > 0 && id.length <= 900 ? id : null;
}

/** Every id named in In-Reply-To / References headers, in order, without brackets. */
export function messageIdList(...values: Array<string | string[] | null | undefined>): string[] {
  // A Set, not a search of the list: a hostile References header of 40,000 ids took 23 s that way.
  const out = new Set<string>();
  for (const value of values.flat()) {
    if (!value) continue;
    for (const m of value.matchAll(/<([^<>\s]+)>/g)) if (m[1]) out.add(m[1]);
  }
  return [...out];
}

/**
 * SHA-256 over the bytes with line endings made CRLF: IMAP hands out CRLF, an mbox file LF; the same message must
 * hash the same either way.
 */
export function sourceHash(source: Buffer): string {
  const hash = createHash('sha256');
  let start = 0;
  for (let i = 0; i < source.length; i++) {
    if (source[i] === 0x0a && (i === 0 || source[i - 1] !== 0x0d)) {
      hash.update(source.subarray(start, i));
      hash.update('\r\n');
      start = i + 1;
    }
  }
  hash.update(source.subarray(start));
  return `sha256-${hash.digest('hex')}`;
}

/**
 * The identity of a message: its Message-ID, else the hash of what we have of it (the whole source, or only the
 * header block of a message too large to download — an import of the same large file hashes the same headers).
 */
export function emailIdentity(messageIdHeader: string | null | undefined, hashed: Buffer): string {
  return normalizeMessageId(messageIdHeader) ?? sourceHash(hashed);
}
