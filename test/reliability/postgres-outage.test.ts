/**
 * PostgreSQL stopped for 30 seconds under load, on a private server: jobs fail, wait and retry (12 attempts,
 * exponential backoff from 1 s: src/queues/job-options.ts), none ends failed, and all are stored afterwards.
 * BullMQ's own defaults (one attempt) would fail every job that ran during the outage.
 */
import { createDb, type Db } from '../../src/db/connection';
import { createQueues, type Queues } from '../../src/queues/queues';
import { createProducerConnection } from '../../src/queues/redis-connections';
import { type PrivatePostgres, startPrivatePostgres } from '../helpers/private-postgres';
import { DURABLE_REDIS_ARGS, type PrivateRedis, startPrivateRedis } from '../helpers/private-redis';
import { waitFor } from '../helpers/wait-for';
import { spawnWorker, type WorkerProcess } from '../helpers/worker-process';
import { expectedCounts, leftoverJobs, NO_LEFTOVERS, processedCount, storedCounts, waitDrained } from './exactly-once';
import { seededMessages } from './seeded-messages';

jest.setTimeout(300000);

const OUTAGE_MS = 30000;
const PREFIX = '{rel-pg}';
let pg: PrivatePostgres;
let redis: PrivateRedis;
let db: Db;
let producer: ReturnType<typeof createProducerConnection>;
let queues: Queues;
let worker: WorkerProcess | null = null;

beforeAll(async () => {
  [pg, redis] = await Promise.all([startPrivatePostgres(), startPrivateRedis(DURABLE_REDIS_ARGS)]);
  producer = createProducerConnection(redis.url);
  queues = createQueues(producer, PREFIX);
});

afterAll(async () => {
  await worker?.kill();
  await queues.close();
  producer.disconnect();
  await db?.destroy();
  await redis.destroy();
  await pg.destroy();
});

test('PostgreSQL stopped for 30 s under load: jobs retry, none fails, all stored afterwards', async () => {
  const seeded = seededMessages(600, { label: 'pgdown', seed: 47 });
  await queues.addInboundBulk(seeded.map((m) => m.raw));
  const url = pg.database('halo_outage');
  // The worker creates and migrates its database, as in production.
  worker = spawnWorker({ DATABASE_URL: url, REDIS_URL: redis.url, QUEUE_PREFIX: PREFIX });
  await worker.ready();
  db = createDb(url, { max: 2 });
  await waitFor(async () => (await processedCount(db)) >= 150, { timeoutMs: 60000, what: '150 processed' });

  await pg.stop();
  const stoppedAt = Date.now();
  // During the outage: the worker stays up, jobs fail and go back to wait with a delay, none fails for good.
  await waitFor(async () => ((await queues.inbound.getJobCounts('delayed')).delayed ?? 0) > 0, {
    timeoutMs: OUTAGE_MS,
    what: 'jobs delayed for retry',
  });
  await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS - (Date.now() - stoppedAt)));
  expect(worker.alive()).toBe(true);
  expect((await queues.inbound.getJobCounts('failed')).failed).toBe(0);
  await pg.start();

  await waitDrained(queues.inbound, db, 180000);
  expect(worker.alive()).toBe(true);
  expect(await worker.terminate()).toBe(0);
  expect(worker.stderr()).toContain('"msg":"job failed"'); // attempts did fail during the outage, and were retried
  expect(await leftoverJobs(queues.inbound)).toEqual(NO_LEFTOVERS);
  expect(await storedCounts(db)).toEqual(expectedCounts(seeded));
});
