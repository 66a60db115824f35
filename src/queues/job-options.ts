/**
 * Default job options. BullMQ's defaults fail a job that stalls twice and give up after one attempt; an office
 * gateway must instead outlast a database restart: 12 attempts with exponential backoff from 1 s wait 11 times,
 * 1+2+4+…+1024 s, about 34 minutes of retrying, long enough for any short outage, after which the job is a dead
 * letter (`halo dead-letters --retry-all`). test/reliability/postgres-outage.test.ts proves a 30-second outage.
 */
import type { DefaultJobOptions, WorkerOptions } from 'bullmq';

export const INBOUND_JOB_OPTIONS: DefaultJobOptions = {
  attempts: 12,
  backoff: { type: 'exponential', delay: 1000 },
  // No reporter's data lingers in Redis once it is in PostgreSQL (ARCHITECTURE.md rule 5).
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

/**
 * Worker settings: a worker killed with -9 leaves its jobs active until the lock expires; they are then "stalled"
 * and moved back to wait. maxStalledCount high enough that a crash loop never fails a job for stalling alone.
 */
export const WORKER_OPTIONS: Pick<WorkerOptions, 'lockDuration' | 'stalledInterval' | 'maxStalledCount'> = {
  lockDuration: 30000,
  stalledInterval: 15000,
  maxStalledCount: 1000,
};
