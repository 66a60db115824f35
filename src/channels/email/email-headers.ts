/**
 * Header fields of a message as the normalizer reads them (NormalizeInput.headers): names lowercased, values
 * unfolded and decoded (RFC 2047), a string for a field that appears once and an array for one that repeats.
 */
import libmime from 'libmime';

export type HeaderMap = Record<string, string | string[]>;

/** PostgreSQL text and jsonb cannot hold NUL; real bounces carry them (broken MTAs). The raw bytes keep them. */
export function withoutNul(value: string): string {
  return value.includes('\u0000') ? value.split('\u0000').join('') : value;
}

function decode(value: string): string {
  try {
    return withoutNul(libmime.decodeWords(value));
  } catch {
    return withoutNul(value); // an undecodable encoded word stays as it was: the raw value still carries the signal
  }
}

/** From the header block text (everything before the first empty line). */
export function parseHeaderBlock(block: string): HeaderMap {
  const out: HeaderMap = {};
  const unfolded = block.replace(/\r?\n[ \t]+/g, ' ');
  for (const line of unfolded.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!/^[\x21-\x39\x3b-\x7e]+$/.test(name)) continue;
    add(out, name, decode(line.slice(colon + 1).trim()));
  }
  return out;
}

/** From mailparser's `headerLines` ({key, line: "Name: value"}). */
export function headersFromLines(lines: ReadonlyArray<{ key: string; line: string }>): HeaderMap {
  const out: HeaderMap = {};
  for (const { key, line } of lines) {
    const colon = line.indexOf(':');
    const value = colon >= 0 ? line.slice(colon + 1) : '';
    add(out, key.toLowerCase(), decode(value.replace(/\r?\n[ \t]+/g, ' ').trim()));
  }
  return out;
}

function add(out: HeaderMap, name: string, value: string): void {
  const prev = out[name];
  if (prev === undefined) out[name] = value;
  else if (Array.isArray(prev)) prev.push(value);
  else out[name] = [prev, value];
}

/** The header block of a raw source: bytes up to the first empty line (the whole thing when there is none). */
export function headerBlockOf(source: Buffer): Buffer {
  const crlf = source.indexOf('\r\n\r\n');
  const lf = source.indexOf('\n\n');
  const ends = [crlf >= 0 ? crlf + 2 : -1, lf >= 0 ? lf + 1 : -1].filter((n) => n >= 0);
  return ends.length ? source.subarray(0, Math.min(...ends)) : source;
}

/** The first value of a header field. */
export function firstHeader(headers: HeaderMap, name: string): string | null {
  const v = headers[name];
  return (Array.isArray(v) ? v[0] : v) ?? null;
}
