/**
 * kill -9 of the normalize worker in the middle of 5,000 queued messages, then a restart (docs/architecture.md rule 4):
 * every message stored exactly once, nothing left in the queue, and no reporter's data in the logs or in Redis.
 */
import { redisContents } from '../helpers/redis-contents';
import { waitFor } from '../helpers/wait-for';
import {
  countStalled,
  expectedCounts,
  leftoverJobs,
  NO_LEFTOVERS,
  processedCount,
  storedCounts,
  storedExternalIds,
  waitDrained,
} from './exactly-once';
import { type FaultBench, startFaultBench } from './fault-bench';
import { personalDataIn } from './leak-check';
import { seededMessages } from './seeded-messages';

jest.setTimeout(420000);

let bench: FaultBench;
beforeAll(async () => {
  bench = await startFaultBench({ label: 'kill', privateRedis: true });
});
afterAll(() => bench.close());

test('kill -9 in the middle of 5,000 queued messages, then a restart: each stored exactly once', async () => {
  const seeded = seededMessages(5000, { label: 'kill9', seed: 11 });
  const { queues, redisUrl } = bench;
  const t = bench.t!;
  for (let i = 0; i < seeded.length; i += 500) {
    await queues.addInboundBulk(seeded.slice(i, i + 500).map((m) => m.raw));
  }
  const stalled = countStalled(queues.inbound, redisUrl);
  bench.onClose(stalled.close);

  // Debug level: the most a worker ever logs, for the check below that none of it is personal.
  const first = bench.spawn({ LOG_LEVEL: 'debug' });
  await first.ready();
  await waitFor(async () => (await processedCount(t.db)) >= 800, { timeoutMs: 90000, what: '800 processed' });
  await first.kill();
  const atKill = await processedCount(t.db);
  const activeAtKill = (await queues.inbound.getJobCounts('active')).active ?? 0;
  // Really in the middle: messages left to do, and jobs the dead worker held when it died.
  expect(atKill).toBeLessThan(seeded.length);
  expect(activeAtKill).toBeGreaterThan(0);

  const second = bench.spawn({ LOG_LEVEL: 'debug' });
  await second.ready();
  await waitDrained(queues.inbound, t.db, 300000);
  expect(await second.terminate()).toBe(0);

  // The jobs the dead worker held came back through BullMQ's stalled check, not by luck.
  await waitFor(() => stalled.count() >= activeAtKill, { timeoutMs: 5000, what: 'stalled events' });
  expect(await leftoverJobs(queues.inbound)).toEqual(NO_LEFTOVERS);
  expect(await storedCounts(t.db)).toEqual(expectedCounts(seeded));
  expect(await storedExternalIds(t.db)).toEqual(seeded.map((m) => m.raw.externalId).sort());

  // Security: debug-level logs of both workers and everything left in Redis hold no phone number and no body.
  const logs = first.stderr() + second.stderr();
  expect(logs).toContain('halo kesbang started');
  expect(personalDataIn(logs, seeded)).toEqual([]);
  const left = await redisContents(redisUrl);
  expect(left.keys.length).toBeGreaterThan(0); // the outbound queue and the events stream are there
  expect(personalDataIn(left.text, seeded)).toEqual([]);
});
