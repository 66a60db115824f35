/**
 * The outbox is written in the same transaction as the incident; the queue.add after the commit can be lost to a
 * crash. This sweep queues outbox rows that are still pending a minute later (the job id dedupes the rest).
 */
import type { Db } from '../db/connection';
import { pendingOutboundIds } from '../db/repos/outbound-messages';
import type { Logger } from '../logger';
import { queueOutbound } from '../outbound/queue-outbound';
import type { Queues } from '../queues/queues';

export function startOutboxSweeper(deps: { db: Db; queues: Queues; logger: Logger }, intervalMs = 30000) {
  let running = false;
  const timer = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      const ids = await pendingOutboundIds(deps.db, { olderThanMs: 60000 });
      const queued = await queueOutbound(deps.queues, ids, deps.logger);
      if (ids.length && queued) deps.logger.info({ count: ids.length }, 'outbox sweep queued pending messages');
    } catch (err) {
      deps.logger.warn({ err: { message: (err as Error).message } }, 'outbox sweep failed');
    } finally {
      running = false;
    }
  }, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
