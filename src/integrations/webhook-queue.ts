/** The BullMQ queue of webhook deliveries: one job per delivery row, job id `wh-<delivery id>`. */
import { type DefaultJobOptions, Queue } from 'bullmq';
import type { RedisClient } from '../queues/redis-connections';

export const WEBHOOK_QUEUE = 'webhooks';

export interface WebhookJobData {
  deliveryId: string;
}

/**
 * 10 attempts, waits doubling from 5 s (5 s … about 21 min, about 43 min in all): a partner's short outage or
 * deployment is outlasted; after that the delivery is dead and shows so in its log.
 */
export const WEBHOOK_JOB_OPTIONS: DefaultJobOptions = {
  attempts: 10,
  backoff: { type: 'exponential', delay: 5000 },
  removeOnComplete: { age: 24 * 3600, count: 10000 },
  removeOnFail: { age: 30 * 24 * 3600 },
};

export interface WebhookQueue {
  queue: Queue<WebhookJobData>;
  add(deliveryId: string): Promise<void>;
  close(): Promise<void>;
}

export function createWebhookQueue(
  connection: RedisClient,
  prefix: string,
  options: DefaultJobOptions = WEBHOOK_JOB_OPTIONS,
): WebhookQueue {
  const queue = new Queue<WebhookJobData>(WEBHOOK_QUEUE, { connection, prefix, defaultJobOptions: options });
  queue.on('error', () => {});
  return {
    queue,
    async add(deliveryId) {
      await queue.add('deliver', { deliveryId }, { jobId: `wh-${deliveryId}` });
    },
    close: () => queue.close(),
  };
}
