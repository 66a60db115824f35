/**
 * Processes inbound jobs in this process until the given jobs are done, so that `halo import` and `halo replay`
 * work with or without a running service. Jobs are removed on completion; a job that is gone is done.
 */
import { Worker } from 'bullmq';
import { createChannels } from '../channels/channels';
import { createMetrics } from '../metrics';
import { loadGazetteer } from '../normalize/gazetteer-loader';
import { createInboundProcessor } from '../processors/inbound-processor';
import { WORKER_OPTIONS } from '../queues/job-options';
import { INBOUND_QUEUE } from '../queues/queue-names';
import { createWorkerConnection } from '../queues/redis-connections';
import { StatusBoard } from '../runtime/role-status';
import type { CliContext } from './cli-context';

export async function drainInboundJobs(
  ctx: CliContext,
  jobIds: string[],
  onProgress: (done: number) => void = () => {},
): Promise<{ failed: string[] }> {
  const channels = createChannels({
    config: ctx.config,
    db: ctx.db,
    logger: ctx.logger,
    metrics: createMetrics(),
    status: new StatusBoard(),
    queues: ctx.queues,
  });
  const worker = new Worker(
    INBOUND_QUEUE,
    createInboundProcessor({
      db: ctx.db,
      queues: ctx.queues,
      preparers: channels.preparers,
      gazetteer: loadGazetteer(ctx.config.REGION_CODE),
      timezone: ctx.config.TIMEZONE,
      ackReplies: ctx.config.ACK_REPLIES,
      logger: ctx.logger,
    }),
    {
      connection: createWorkerConnection(ctx.config.REDIS_URL),
      prefix: ctx.config.QUEUE_PREFIX,
      concurrency: 8,
      ...WORKER_OPTIONS,
    },
  );
  worker.on('error', () => {});
  try {
    let pending = [...jobIds];
    const failed: string[] = [];
    while (pending.length > 0) {
      const still: string[] = [];
      for (const id of pending) {
        const job = await ctx.queues.inbound.getJob(id);
        if (!job) continue;
        const state = await job.getState();
        if (state === 'failed') failed.push(id);
        else if (state !== 'completed') still.push(id);
      }
      pending = still;
      onProgress(jobIds.length - pending.length);
      if (pending.length > 0) await new Promise((r) => setTimeout(r, 200));
    }
    return { failed };
  } finally {
    await worker.close();
    await worker.disconnect();
  }
}
