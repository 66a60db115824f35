/** The outbound role's webhook half over a test workspace: the dispatcher and a real BullMQ worker, fast retries. */
import { Worker } from 'bullmq';
import { createWebhookDeliveryProcessor } from '../../src/integrations/webhook-delivery-processor';
import { startWebhookDispatcher } from '../../src/integrations/webhook-dispatcher';
import { createWebhookQueue, type WebhookQueue } from '../../src/integrations/webhook-queue';
import { WORKER_OPTIONS } from '../../src/queues/job-options';
import { WEBHOOK_QUEUE } from '../../src/queues/queue-names';
import { createProducerConnection, createWorkerConnection } from '../../src/queues/redis-connections';
import { captureLogger } from '../helpers/test-logger';
import { REDIS_URL } from '../helpers/test-redis';
import type { Workspace } from '../http/workspace-harness';

export interface WebhookSender {
  queue: WebhookQueue;
  logLines: string[];
  stop(): Promise<void>;
}

/** Starts what the outbound role runs for webhooks; `stop` shuts it down as the service does. */
export function startWebhookSender(ws: Workspace, options: { attempts?: number; timeoutMs?: number } = {}) {
  const redis = createProducerConnection(REDIS_URL);
  const queue = createWebhookQueue(redis, ws.config.QUEUE_PREFIX, {
    attempts: options.attempts ?? 3,
    backoff: { type: 'fixed', delay: 200 },
    removeOnComplete: true,
    removeOnFail: false,
  });
  const { logger, lines } = captureLogger();
  const dispatcher = startWebhookDispatcher({ db: ws.database.db, webhooks: queue, logger }, { intervalMs: 100 });
  const worker = new Worker(
    WEBHOOK_QUEUE,
    createWebhookDeliveryProcessor({ db: ws.database.db, logger, timeoutMs: options.timeoutMs ?? 1000 }),
    {
      connection: createWorkerConnection(REDIS_URL),
      prefix: ws.config.QUEUE_PREFIX,
      concurrency: 4,
      ...WORKER_OPTIONS,
    },
  );
  worker.on('error', () => {});
  return {
    queue,
    logLines: lines,
    async stop() {
      await dispatcher.stop();
      await worker.close();
      await worker.disconnect();
      await queue.close();
      redis.disconnect();
    },
  } satisfies WebhookSender;
}
