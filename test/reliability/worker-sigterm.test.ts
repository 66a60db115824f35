/**
 * SIGTERM while the worker is busy (a deploy, `docker compose stop`): it finishes the jobs in hand and exits 0
 * within the 10-second shutdown budget (a forced exit is code 1), leaves no job active for the stalled check to
 * find, and the messages still waiting are done after a restart, each once.
 */
import { createQueues, type Queues } from '../../src/queues/queues';
import { createProducerConnection } from '../../src/queues/redis-connections';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';
import { clearPrefix, REDIS_URL, uniquePrefix } from '../helpers/test-redis';
import { waitFor } from '../helpers/wait-for';
import { spawnWorker, type WorkerProcess } from '../helpers/worker-process';
import {
  countStalled,
  expectedCounts,
  leftoverJobs,
  NO_LEFTOVERS,
  processedCount,
  storedCounts,
  waitDrained,
} from './exactly-once';
import { seededMessages } from './seeded-messages';

jest.setTimeout(240000);

const prefix = uniquePrefix('sigterm');
let t: TestDatabase;
let producer: ReturnType<typeof createProducerConnection>;
let queues: Queues;
const workers: WorkerProcess[] = [];
const closers: Array<() => Promise<void>> = [];

beforeAll(async () => {
  t = await createTestDatabase('rel_sigterm');
  producer = createProducerConnection(REDIS_URL);
  queues = createQueues(producer, prefix);
});

afterAll(async () => {
  for (const w of workers) await w.kill();
  for (const close of closers) await close();
  await queues.close();
  producer.disconnect();
  await clearPrefix(prefix);
  await t.drop();
});

test('SIGTERM during processing: graceful exit, no stalled job, the rest done after a restart', async () => {
  const seeded = seededMessages(1000, { label: 'sigterm', seed: 23 });
  await queues.addInboundBulk(seeded.map((m) => m.raw));
  const env = { DATABASE_URL: t.url, REDIS_URL, QUEUE_PREFIX: prefix };
  const stalled = countStalled(queues.inbound, REDIS_URL);
  closers.push(stalled.close);

  const first = spawnWorker(env);
  workers.push(first);
  await first.ready();
  await waitFor(async () => (await processedCount(t.db)) >= 150, { timeoutMs: 60000, what: '150 processed' });
  expect((await queues.inbound.getJobCounts('active')).active).toBeGreaterThan(0);
  expect(await first.terminate()).toBe(0);
  expect(first.stderr()).toContain('"msg":"stopped"');

  // Nothing held by the stopped worker: every job is waiting or done, none active with an orphaned lock.
  const afterStop = await queues.inbound.getJobCounts('active', 'waiting', 'failed');
  expect(afterStop.active).toBe(0);
  expect(afterStop.failed).toBe(0);
  expect(afterStop.waiting).toBeGreaterThan(0);
  // What the database holds matches what BullMQ counts as done: no job half-finished.
  expect(await processedCount(t.db)).toBe(seeded.length - (afterStop.waiting ?? 0));

  const second = spawnWorker(env);
  workers.push(second);
  await second.ready();
  await waitDrained(queues.inbound, t.db, 150000);
  expect(await second.terminate()).toBe(0);

  expect(stalled.count()).toBe(0);
  expect(await leftoverJobs(queues.inbound)).toEqual(NO_LEFTOVERS);
  expect(await storedCounts(t.db)).toEqual(expectedCounts(seeded));
});
