/**
 * The preparer for channel 'email': each message is prepared (and normalized) in a parse thread with a time limit
 * (email-parse-pool.ts), never on the main thread.
 */
import type { Preparer } from '../registry';
import type { EmailParsePool } from './email-parse-pool';
import type { ThreadNormalizeContext } from './email-parse-thread';
import type { AttachmentCaps } from './email-preparer';

/** Builds the email preparer on `pool`; `caps` is asked once per message (settings change while the service runs). */
export function createEmailPreparer(
  caps: () => Promise<AttachmentCaps>,
  pool: EmailParsePool,
  normalize?: ThreadNormalizeContext,
): Preparer {
  return async (raw) => pool.prepare(raw, await caps(), normalize);
}
