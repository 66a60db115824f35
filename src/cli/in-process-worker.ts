/**
 * An inbound worker inside a `halo` command, so that `halo import` and `halo replay` finish their own jobs with or
 * without a running service. The same processor and worker options as the normalize role.
 */
import { Worker } from 'bullmq';
import { loadGazetteer } from '../normalize/gazetteer-loader';
import { createInboundProcessor } from '../processors/inbound-processor';
import { WORKER_OPTIONS } from '../queues/job-options';
import { INBOUND_QUEUE } from '../queues/queue-names';
import { createWorkerConnection } from '../queues/redis-connections';
import type { CliServices } from './cli-services';

export interface InProcessWorker {
  worker: Worker;
  /** Closes the worker and its own Redis connection (BullMQ leaves a connection it was given open). */
  close(): Promise<void>;
}

export function startInProcessWorker(services: CliServices, concurrency = 4): InProcessWorker {
  const { config } = services;
  const connection = createWorkerConnection(config);
  const worker = new Worker(
    INBOUND_QUEUE,
    createInboundProcessor({
      db: services.db,
      queues: services.queues,
      preparers: services.channels.preparers,
      gazetteer: loadGazetteer(config.REGION_CODE),
      timezone: config.TIMEZONE,
      ackReplies: config.ACK_REPLIES,
      logger: services.logger,
      metrics: services.metrics,
    }),
    { connection, prefix: config.QUEUE_PREFIX, concurrency, ...WORKER_OPTIONS },
  );
  worker.on('error', (err) => services.logger.warn({ err: { message: err.message } }, 'in-process worker error'));
  return {
    worker,
    async close() {
      await worker.close();
      connection.disconnect();
    },
  };
}
