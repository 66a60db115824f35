/**
 * Queues a webhook's message or says at once that it cannot (docs/architecture.md rule 1): a provider gets its 2xx only
 * after `queue.add` resolved, and a 503 without delay when Redis is away. The producer connection fails commands
 * fast once it was connected, but BullMQ waits for a connection that never came up; hence the status check and,
 * for a Redis that hangs, a deadline. A message whose add completes after the deadline is harmless: the provider
 * retries and the job id (its own message id) dedupes.
 */
import type { RawMessage } from '../core/raw-message';
import type { Queues } from '../queues/queues';
import type { RedisClient } from '../queues/redis-connections';

export class QueueUnavailableError extends Error {
  readonly code = 'queue_unavailable';
}

export const QUEUE_DEADLINE_MS = 3000;

export async function queueInbound(
  deps: { redis: RedisClient; queues: Pick<Queues, 'addInbound'> },
  raw: RawMessage,
  deadlineMs = QUEUE_DEADLINE_MS,
): Promise<string> {
  if (deps.redis.status !== 'ready') throw new QueueUnavailableError(`queue: redis connection is ${deps.redis.status}`);
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      deps.queues.addInbound(raw),
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new QueueUnavailableError(`queue: no answer from redis in ${deadlineMs} ms`)),
          deadlineMs,
        );
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
