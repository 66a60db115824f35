/**
 * Default job options. BullMQ's defaults fail a job that stalls twice and give up after one attempt; an office
 * gateway must instead outlast a database restart, and catch up soon after it: inbound jobs retry after 1, 2, 4 …
 * 32 s, then every minute (BullMQ's exponential backoff has no cap: after a 20-minute outage a job could sleep 17
 * more minutes while the database was already back). 40 attempts wait about 34 minutes in all, long enough for any
 * short outage, after which the job is a dead letter (`halo dead-letters --retry-all`).
 * test/reliability/postgres-outage.test.ts proves a 30-second outage.
 */
import type { DefaultJobOptions, WorkerOptions } from 'bullmq';
import { FOLLOW_UP_QUEUE, INBOUND_QUEUE, OUTBOUND_QUEUE, type QueueName, WEBHOOK_QUEUE } from './queue-names';

/** A backoff type of our own: BullMQ runs the worker's backoffStrategy (WORKER_OPTIONS) for types it lacks. */
export const CAPPED_EXPONENTIAL = 'capped-exponential';
/** The waits double from the job's delay up to this many times that delay (1 s → at most 60 s). */
const CAP_FACTOR = 60;

/** The wait before the next attempt once `attemptsMade` attempts have failed. */
export function cappedExponentialDelay(attemptsMade: number, delayMs: number): number {
  return Math.min(delayMs * 2 ** Math.max(0, attemptsMade - 1), delayMs * CAP_FACTOR);
}

export const INBOUND_JOB_OPTIONS: DefaultJobOptions = {
  attempts: 40,
  backoff: { type: CAPPED_EXPONENTIAL, delay: 1000 },
  // No reporter's data lingers in Redis once it is in PostgreSQL (docs/architecture.md rule 5).
  removeOnComplete: true,
  // Failed jobs keep their data for the dead-letter view; the raw message is in PostgreSQL anyway when it got there.
  removeOnFail: false,
};

export const OUTBOUND_JOB_OPTIONS: DefaultJobOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 2000 },
  removeOnComplete: { age: 24 * 3600, count: 10000 },
  removeOnFail: false,
};

export const FOLLOW_UP_JOB_OPTIONS: DefaultJobOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 2000 },
  // Kept a day: a timer armed again for the same incident and level collapses into the finished job.
  removeOnComplete: { age: 24 * 3600, count: 10000 },
  removeOnFail: false,
};

/**
 * 10 attempts, waits doubling from 5 s (5 s … about 21 min, about 43 min in all): a partner's short outage or
 * deployment is outlasted; after that the delivery is dead and shows so in its log (kept 30 days).
 */
export const WEBHOOK_JOB_OPTIONS: DefaultJobOptions = {
  attempts: 10,
  backoff: { type: 'exponential', delay: 5000 },
  removeOnComplete: { age: 24 * 3600, count: 10000 },
  removeOnFail: { age: 30 * 24 * 3600 },
};

/** Each queue's job options: the one list every queue is opened from (src/queues/queues.ts). */
export const JOB_OPTIONS: Record<QueueName, DefaultJobOptions> = {
  [INBOUND_QUEUE]: INBOUND_JOB_OPTIONS,
  [OUTBOUND_QUEUE]: OUTBOUND_JOB_OPTIONS,
  [FOLLOW_UP_QUEUE]: FOLLOW_UP_JOB_OPTIONS,
  [WEBHOOK_QUEUE]: WEBHOOK_JOB_OPTIONS,
};

/**
 * Worker settings: a worker killed with -9 leaves its jobs active until the lock expires; they are then "stalled"
 * and moved back to wait. maxStalledCount high enough that a crash loop never fails a job for stalling alone.
 * Every worker of the inbound queue needs these settings: without the backoff strategy a failed attempt of a
 * capped-exponential job could not be scheduled again.
 */
export const WORKER_OPTIONS: Pick<WorkerOptions, 'lockDuration' | 'stalledInterval' | 'maxStalledCount' | 'settings'> =
  {
    lockDuration: 30000,
    stalledInterval: 15000,
    maxStalledCount: 1000,
    settings: {
      backoffStrategy: (attemptsMade, type, _err, job) => {
        const backoff = job?.opts.backoff;
        const delay = typeof backoff === 'object' && backoff.delay ? backoff.delay : 1000;
        if (type === CAPPED_EXPONENTIAL) return cappedExponentialDelay(attemptsMade, delay);
        throw new Error(`unknown backoff type ${type}`);
      },
    },
  };
