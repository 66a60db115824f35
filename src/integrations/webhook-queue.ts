/** The BullMQ queue of webhook deliveries: one job per delivery row, job id `wh-<delivery id>`. */
import type { DefaultJobOptions, Queue } from 'bullmq';
import { WEBHOOK_QUEUE } from '../queues/queue-names';
import { openQueue } from '../queues/queues';
import type { RedisClient } from '../queues/redis-connections';

export interface WebhookJobData {
  deliveryId: string;
}

export interface WebhookQueue {
  queue: Queue<WebhookJobData>;
  add(deliveryId: string): Promise<void>;
  close(): Promise<void>;
}

export function createWebhookQueue(
  connection: RedisClient,
  prefix: string,
  /** The queue's own options (src/queues/job-options.ts) unless a test needs shorter waits. */
  options?: DefaultJobOptions,
): WebhookQueue {
  const queue = openQueue<WebhookJobData>(WEBHOOK_QUEUE, connection, prefix, options);
  return {
    queue,
    async add(deliveryId) {
      await queue.add('deliver', { deliveryId }, { jobId: `wh-${deliveryId}` });
    },
    close: () => queue.close(),
  };
}
