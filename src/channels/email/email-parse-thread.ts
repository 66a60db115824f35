/**
 * The body of an email parse thread (see email-parse-pool.ts): prepares one message at a time and answers with the
 * result or the error. A message that makes mailparser or the HTML sanitizer spin is this thread's problem only.
 */
import { parentPort } from 'node:worker_threads';
import { UnreadableMessageError } from '../../core/prepared-message';
import type { RawMessage } from '../../core/raw-message';
import { type AttachmentCaps, prepareEmail } from './email-preparer';

export interface ParseRequest {
  id: number;
  raw: RawMessage;
  caps: AttachmentCaps;
}

export type ParseAnswer =
  | { id: number; result: Awaited<ReturnType<typeof prepareEmail>> }
  | { id: number; error: { message: string; unreadable: boolean } };

const port = parentPort;
if (!port) throw new Error('email-parse-thread runs inside a worker thread only');

port.on('message', async ({ id, raw, caps }: ParseRequest) => {
  let answer: ParseAnswer;
  try {
    answer = { id, result: await prepareEmail(raw, caps) };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    answer = { id, error: { message, unreadable: err instanceof UnreadableMessageError } };
  }
  port.postMessage(answer);
});
port.postMessage('ready');
