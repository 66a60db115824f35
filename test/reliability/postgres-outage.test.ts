/**
 * PostgreSQL stopped for 30 seconds under load, on a private server: jobs fail, wait and retry (40 attempts,
 * backoff doubling from 1 s up to a minute: src/queues/job-options.ts), none ends failed, and all are stored
 * afterwards.
 * BullMQ's own defaults (one attempt) would fail every job that ran during the outage.
 */
import { createDb, type Db } from '../../src/db/connection';
import { type PrivatePostgres, startPrivatePostgres } from '../helpers/private-postgres';
import { waitFor } from '../helpers/wait-for';
import { expectedCounts, leftoverJobs, NO_LEFTOVERS, processedCount, storedCounts, waitDrained } from './exactly-once';
import { type FaultBench, startFaultBench } from './fault-bench';
import { seededMessages } from './seeded-messages';

jest.setTimeout(300000);

const OUTAGE_MS = 30000;
let pg: PrivatePostgres;
let bench: FaultBench;
let db: Db | null = null;

beforeAll(async () => {
  pg = await startPrivatePostgres();
  // The worker creates and migrates its database on the private server, as in production.
  bench = await startFaultBench({ label: 'pg', privateRedis: true, databaseUrl: pg.database('halo_outage') });
});

afterAll(async () => {
  await bench.close();
  await db?.destroy();
  await pg.destroy();
});

test('PostgreSQL stopped for 30 s under load: jobs retry, none fails, all stored afterwards', async () => {
  // Enough that PostgreSQL stops while most are still waiting: the batched writer takes 600 in well under a second.
  const seeded = seededMessages(6000, { label: 'pgdown', seed: 47 });
  const { queues } = bench;
  await queues.addInboundBulk(seeded.map((m) => m.raw));
  const worker = bench.spawn();
  await worker.ready();
  const stored = createDb(bench.env.DATABASE_URL, { max: 2 });
  db = stored;
  await waitFor(async () => (await processedCount(stored)) >= 150, { timeoutMs: 60000, what: '150 processed' });

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

  await waitDrained(queues.inbound, stored, 180000);
  expect(worker.alive()).toBe(true);
  expect(await worker.terminate()).toBe(0);
  expect(worker.stderr()).toContain('"msg":"job failed"'); // attempts did fail during the outage, and were retried
  expect(await leftoverJobs(queues.inbound)).toEqual(NO_LEFTOVERS);
  expect(await storedCounts(stored)).toEqual(expectedCounts(seeded));
});
