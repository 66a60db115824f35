/**
 * SIGTERM while the worker is busy (a deploy, `docker compose stop`): it finishes the jobs in hand and exits 0
 * within the 10-second shutdown budget (a forced exit is code 1), leaves no job active for the stalled check to
 * find, and the messages still waiting are done after a restart, each once.
 */
import { waitFor } from '../helpers/wait-for';
import {
  countStalled,
  expectedCounts,
  leftoverJobs,
  NO_LEFTOVERS,
  processedCount,
  storedCounts,
  waitDrained,
} from './exactly-once';
import { type FaultBench, startFaultBench } from './fault-bench';
import { seededMessages } from './seeded-messages';

jest.setTimeout(240000);

let bench: FaultBench;
beforeAll(async () => {
  bench = await startFaultBench({ label: 'sigterm' });
});
afterAll(() => bench.close());

test('SIGTERM during processing: graceful exit, no stalled job, the rest done after a restart', async () => {
  // Enough that some still wait when the worker stops: it holds 600 at once (INBOUND_BATCH_SIZE 200 × 3) and
  // finishes the ones it holds before it exits.
  const seeded = seededMessages(6000, { label: 'sigterm', seed: 23 });
  const { queues } = bench;
  const t = bench.t!;
  await queues.addInboundBulk(seeded.map((m) => m.raw));
  const stalled = countStalled(queues.inbound, bench.redisUrl);
  bench.onClose(stalled.close);

  const first = bench.spawn();
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

  const second = bench.spawn();
  await second.ready();
  await waitDrained(queues.inbound, t.db, 150000);
  expect(await second.terminate()).toBe(0);

  expect(stalled.count()).toBe(0);
  expect(await leftoverJobs(queues.inbound)).toEqual(NO_LEFTOVERS);
  expect(await storedCounts(t.db)).toEqual(expectedCounts(seeded));
});
