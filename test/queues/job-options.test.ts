/** The inbound retry schedule, and a real BullMQ worker running it (Redis, with the service's worker settings). */
import { Queue, Worker } from 'bullmq';
import {
  CAPPED_EXPONENTIAL,
  cappedExponentialDelay,
  INBOUND_JOB_OPTIONS,
  WORKER_OPTIONS,
} from '../../src/queues/job-options';
import { createProducerConnection, createWorkerConnection } from '../../src/queues/redis-connections';
import { clearPrefix, REDIS_URL, uniquePrefix } from '../helpers/test-redis';

describe('inbound retry schedule', () => {
  const backoff = INBOUND_JOB_OPTIONS.backoff as { type: string; delay: number };
  const waits = Array.from({ length: (INBOUND_JOB_OPTIONS.attempts ?? 1) - 1 }, (_, i) =>
    cappedExponentialDelay(i + 1, backoff.delay),
  );

  test('doubles from 1 s, then waits a minute at most', () => {
    expect(backoff.type).toBe(CAPPED_EXPONENTIAL);
    expect(waits.slice(0, 8)).toEqual([1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000]);
    expect(Math.max(...waits)).toBe(60000);
  });

  test('outlasts a half-hour outage before a job becomes a dead letter', () => {
    const totalMinutes = waits.reduce((a, b) => a + b, 0) / 60000;
    expect(totalMinutes).toBeGreaterThan(30);
    expect(totalMinutes).toBeLessThan(40);
  });
});

test('a worker with the service settings retries a failing job on that schedule until its attempts run out', async () => {
  const prefix = uniquePrefix('backoff');
  const redis = createProducerConnection(REDIS_URL);
  const queue = new Queue('retry-test', { connection: redis, prefix });
  const calls: number[] = [];
  const worker = new Worker(
    'retry-test',
    async () => {
      calls.push(Date.now());
      throw new Error('database unavailable');
    },
    { connection: createWorkerConnection(REDIS_URL), prefix, ...WORKER_OPTIONS },
  );
  try {
    const failed = new Promise<string>((resolve) =>
      worker.on('failed', (job, err) => job?.attemptsMade === 5 && resolve(err.message)),
    );
    // The service's schedule with a 20 ms step: waits of 20, 40, 80, 160 ms.
    await queue.add('m', {}, { attempts: 5, backoff: { type: CAPPED_EXPONENTIAL, delay: 20 } });
    expect(await failed).toBe('database unavailable');
    expect(calls).toHaveLength(5);
    const gaps = calls.slice(1).map((t, i) => t - calls[i]!);
    // Never sooner than the schedule says (a retry may come later: the worker polls delayed jobs).
    for (const [i, gap] of gaps.entries()) expect(gap).toBeGreaterThanOrEqual(cappedExponentialDelay(i + 1, 20) - 5);
  } finally {
    await worker.close();
    await worker.disconnect();
    await queue.close();
    redis.disconnect();
    await clearPrefix(prefix);
  }
});
