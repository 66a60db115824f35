/**
 * Text PostgreSQL can store. Two things a broken phone or a hostile sender can put in a JavaScript string are
 * refused by PostgreSQL: U+0000 (in text and jsonb) and a lone UTF-16 surrogate (JSON.stringify writes it as a
 * `\ud800` escape, which jsonb rejects). Both become U+FFFD, the replacement character; the message as received
 * is kept byte for byte elsewhere (raw_messages.raw_source).
 */

/** NUL, a high surrogate not followed by a low one, or a low surrogate not preceded by a high one. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is exactly what PostgreSQL refuses
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Whether a string holds something PostgreSQL refuses. */
export function isStorableText(value: string): boolean {
  UNSTORABLE.lastIndex = 0;
  return !UNSTORABLE.test(value);
}

/** The string with NULs and lone surrogates replaced by U+FFFD (the same string when there are none). */
export function storableText(value: string): string {
  return isStorableText(value) ? value : value.replace(UNSTORABLE, '\uFFFD');
}

/**
 * A copy of a plain value (object, array, string) with every string made storable; Buffers, Dates and other
 * class instances are kept as they are. Returns the value itself when nothing needed a change.
 */
export function storableValue<T>(value: T): T {
  if (typeof value === 'string') return storableText(value) as T;
  if (Array.isArray(value)) {
    const items = value.map((v) => storableValue(v));
    return (items.some((v, i) => v !== value[i]) ? items : value) as T;
  }
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    let changed = false;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const key = storableText(k); // keys too: provider parameters arrive as a hostile sender wrote them
      out[key] = storableValue(v);
      if (key !== k || out[key] !== v) changed = true;
    }
    return (changed ? out : value) as T;
  }
  return value;
}
