/**
 * `halo normalize`: JSON lines `{channel, from, subject?, text, receivedAt, headers?}` on stdin, one normalized
 * JSON line per input line on stdout, streamed line by line so any size of input works. A malformed line gives
 * `{"error": "..."}` and the run goes on. Needs no database and no Redis.
 *
 * REGION_CODE and TIMEZONE are read from the environment here directly (defaults "73.73", "Asia/Makassar").
 */
import { createInterface } from 'node:readline';
import type { NormalizeInput } from '../core/normalized-message';
import { normalize } from '../normalize';
import { loadGazetteer } from '../normalize/gazetteer-loader';

const CHANNELS = new Set(['sms', 'whatsapp', 'email']);

/** Checks one parsed line; returns the input or a lowercase error message. */
export function toInput(value: unknown): NormalizeInput | string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'line is not a JSON object';
  const v = value as Record<string, unknown>;
  if (typeof v.channel !== 'string' || !CHANNELS.has(v.channel)) return 'channel must be sms, whatsapp or email';
  if (typeof v.from !== 'string') return 'from must be a string';
  if (typeof v.text !== 'string') return 'text must be a string';
  if (typeof v.receivedAt !== 'string' || !Number.isFinite(Date.parse(v.receivedAt)))
    return 'receivedAt must be an ISO-8601 date';
  if (v.subject !== undefined && v.subject !== null && typeof v.subject !== 'string') return 'subject must be a string';
  if (v.headers !== undefined && v.headers !== null && (typeof v.headers !== 'object' || Array.isArray(v.headers)))
    return 'headers must be an object';
  return value as NormalizeInput;
}

function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Runs the command; resolves to the exit code. */
export async function run(_args: string[]): Promise<number> {
  const regionCode = process.env.REGION_CODE?.trim() || '73.73';
  const timezone = process.env.TIMEZONE?.trim() || 'Asia/Makassar';
  if (!isValidTimeZone(timezone)) {
    process.stderr.write(`halo normalize: TIMEZONE "${timezone}" is not an IANA time zone\n`);
    return 2;
  }
  let gazetteer: ReturnType<typeof loadGazetteer>;
  try {
    gazetteer = loadGazetteer(regionCode);
  } catch (err) {
    process.stderr.write(`halo normalize: ${err instanceof Error ? err.message : String(err)}\n`);
    return 2;
  }
  const ctx = { gazetteer, timezone };
  const rl = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of rl) {
    if (line.trim() === '') continue;
    let out: string;
    try {
      const input = toInput(JSON.parse(line));
      out = typeof input === 'string' ? JSON.stringify({ error: input }) : JSON.stringify(normalize(input, ctx));
    } catch (err) {
      const message = err instanceof SyntaxError ? `invalid json: ${err.message}` : `normalize failed: ${String(err)}`;
      out = JSON.stringify({ error: message });
    }
    // One line out per line in, as it comes; wait when the reader is slower (back-pressure).
    if (!process.stdout.write(`${out}\n`)) await new Promise<void>((resolve) => process.stdout.once('drain', resolve));
  }
  return 0;
}
