/**
 * The normalize role's processor: RawMessage → raw_messages + contact + incident (or thread message) + outbox rows,
 * idempotently (docs/architecture.md rules 2, 4, 6). Throws to retry. The worker's jobs are gathered into batches
 * written in one transaction each (inbound-batch.ts); `processInbound` is the per-message path.
 */
import type { Job } from 'bullmq';
import { MicroBatcher } from '../queues/micro-batcher';
import type { InboundJobData } from '../queues/queues';
import { type InboundJob, processInboundBatch } from './inbound-batch';
import type { InboundDeps, InboundOutcome } from './inbound-deps';

export type { InboundDeps, InboundOutcome } from './inbound-deps';
export { processInbound } from './process-inbound';

/** Batches one worker writes at once; its BullMQ concurrency is this times the batch size. */
export const INBOUND_BATCHES_IN_FLIGHT = 3;

/** The BullMQ processor function for the `inbound` queue: each job waits for its batch to commit. */
export function createInboundProcessor(deps: InboundDeps) {
  const batcher = new MicroBatcher<InboundJob, InboundOutcome>((jobs) => processInboundBatch(jobs, deps), {
    maxSize: deps.batch?.maxSize ?? 20,
    flushMs: deps.batch?.flushMs ?? 5,
    maxInFlight: deps.batch?.maxInFlight ?? INBOUND_BATCHES_IN_FLIGHT,
  });
  return async (job: Job<InboundJobData>): Promise<InboundOutcome> =>
    batcher.submit({
      data: job.data,
      // BullMQ retries while attemptsMade + 1 < attempts: this attempt is the last one otherwise.
      context: { finalAttempt: job.attemptsMade + 1 >= (job.opts.attempts ?? 1) },
    });
}
