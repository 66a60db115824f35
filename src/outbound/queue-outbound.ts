/**
 * Queues committed outbox rows for sending, all in one round trip. The one error policy for every caller: the rows
 * are committed, so a queue that is away (Redis restarting) loses nothing — they stay `pending` and the outbox sweep
 * of the outbound role queues them within a minute (src/runtime/outbox-sweeper.ts). The failure is logged (ids and
 * a count only), never thrown: the change that wrote the rows succeeded.
 */
import type { Logger } from '../logger';
import type { Queues } from '../queues/queues';

export type OutboundQueuer = Pick<Queues, 'addOutboundBulk'>;

/** Returns whether the rows reached the queue. */
export async function queueOutbound(
  queues: OutboundQueuer,
  ids: readonly string[],
  logger?: Pick<Logger, 'warn'>,
): Promise<boolean> {
  if (ids.length === 0) return true;
  try {
    await queues.addOutboundBulk([...ids]);
    return true;
  } catch (err) {
    logger?.warn(
      { count: ids.length, firstId: ids[0], err: { message: (err as Error).message } },
      'outbox rows not queued; the outbox sweep will queue them',
    );
    return false;
  }
}
