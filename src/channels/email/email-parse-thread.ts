/**
 * The body of an email parse thread (see email-parse-pool.ts): prepares one message at a time and answers with the
 * result or the error. A message that makes mailparser or the HTML sanitizer spin is this thread's problem only.
 * Given the region and time zone, it also normalizes what it prepared: a long mail's reading then runs beside the
 * main thread instead of on it (the gazetteer is loaded once per thread).
 */
import { parentPort } from 'node:worker_threads';
import { type PreparedMessage, UnreadableMessageError } from '../../core/prepared-message';
import type { RawMessage } from '../../core/raw-message';
import { storableValue } from '../../core/storable-text';
import { normalize } from '../../normalize';
import { loadGazetteer } from '../../normalize/gazetteer-loader';
import { type AttachmentCaps, prepareEmail } from './email-preparer';

/** What normalizing in the thread needs: REGION_CODE and TIMEZONE, as the normalize role has them. */
export interface ThreadNormalizeContext {
  regionCode: string;
  timezone: string;
}

export interface ParseRequest {
  id: number;
  raw: RawMessage;
  caps: AttachmentCaps;
  normalize?: ThreadNormalizeContext;
}

export type ParseAnswer =
  | { id: number; result: PreparedMessage }
  | { id: number; error: { message: string; unreadable: boolean } };

const port = parentPort;
if (!port) throw new Error('email-parse-thread runs inside a worker thread only');

async function prepareAndRead(raw: RawMessage, caps: AttachmentCaps, ctx?: ThreadNormalizeContext) {
  const prepared = await prepareEmail(raw, caps);
  if (!ctx) return prepared;
  // The same cleaning the processor applies before normalizing, so that the reading is the one it would make.
  const clean = storableValue(prepared);
  const gazetteer = loadGazetteer(ctx.regionCode);
  return { ...clean, normalized: normalize(clean.input, { gazetteer, timezone: ctx.timezone }) };
}

port.on('message', async ({ id, raw, caps, normalize: ctx }: ParseRequest) => {
  let answer: ParseAnswer;
  try {
    answer = { id, result: await prepareAndRead(raw, caps, ctx) };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    answer = { id, error: { message, unreadable: err instanceof UnreadableMessageError } };
  }
  port.postMessage(answer);
});
port.postMessage('ready');
