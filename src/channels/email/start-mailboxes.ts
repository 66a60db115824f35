/** The imap role: one ingester (one connection) per mailbox in IMAP_MAILBOX, reported to /readyz and /metrics. */

import { loadSettings } from '../../settings';
import type { ChannelDeps } from '../channel-deps';
import { imapAccountOf } from './imap-account';
import { MailboxIngester } from './mailbox-ingester';

export interface StartMailboxOptions {
  resyncIntervalMs?: number;
  moveIntervalMs?: number;
  backoff?: { minMs: number; maxMs: number };
  batchSize?: number;
  /** Inbound jobs allowed to wait before a sync pauses (default SYNC_MAX_WAITING). */
  maxWaiting?: number;
}

/** Starts ingesting; resolves to the stop function, or null when IMAP is not configured. */
export async function startMailboxes(
  deps: ChannelDeps,
  options: StartMailboxOptions = {},
): Promise<(() => Promise<void>) | null> {
  const { config } = deps;
  const account = imapAccountOf(config);
  if (!account) {
    deps.logger.info('imap: IMAP_HOST is not set; email ingestion is idle');
    return null;
  }
  const ingesters = config.IMAP_MAILBOX.map(
    (mailbox) =>
      new MailboxIngester(
        {
          account,
          db: deps.db,
          queues: deps.queues,
          logger: deps.logger,
          metrics: deps.metrics,
          maxEmailBytes: config.MAX_EMAIL_BYTES,
          processedFolder: config.IMAP_PROCESSED_FOLDER ?? null,
          backfillDays: async () => (await loadSettings(deps.db)).emailBackfillDays,
          ...options,
        },
        mailbox,
      ),
  );
  deps.status.setMailboxSource(() => ingesters.map((i) => ({ ...i.status })));
  for (const ingester of ingesters) ingester.start();
  return async () => {
    await Promise.all(ingesters.map((i) => i.stop()));
  };
}
