/**
 * kill -9 of the normalize worker in the middle of the queued messages, then a restart (docs/architecture.md rule 4):
 * every message stored exactly once, nothing left in the queue, and no reporter's data in the logs or in Redis.
 * The same spec runs on one durable Redis (5,000 messages) and on a three-master Redis Cluster (fewer messages: the
 * cluster variant proves the connections, the single one the volume).
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

const VARIANTS = [
  { redis: 'one Redis', mode: 'single', bench: { label: 'kill', privateRedis: true }, messages: 5000, killAfter: 800 },
  {
    redis: 'a Redis Cluster',
    mode: 'cluster',
    bench: { label: 'kill_cluster', cluster: true },
    messages: 1500,
    killAfter: 300,
  },
];

describe.each(VARIANTS)('on $redis', ({ mode, bench: options, messages, killAfter }) => {
  let bench: FaultBench;
  beforeAll(async () => {
    bench = await startFaultBench(options);
  });
  afterAll(() => bench.close());

  test(`kill -9 in the middle of ${messages} queued messages, then a restart: each stored exactly once`, async () => {
    const seeded = seededMessages(messages, { label: 'kill9', seed: 11 });
    const { queues } = bench;
    const t = bench.t!;
    for (let i = 0; i < seeded.length; i += 500) {
      await queues.addInboundBulk(seeded.slice(i, i + 500).map((m) => m.raw));
    }
    const stalled = countStalled(queues.inbound, bench.redisTarget);
    bench.onClose(stalled.close);

    // Debug level: the most a worker ever logs, for the check below that none of it is personal.
    const first = bench.spawn({ LOG_LEVEL: 'debug' });
    await first.ready();
    await waitFor(async () => (await processedCount(t.db)) >= killAfter, {
      timeoutMs: 90000,
      what: `${killAfter} processed`,
    });
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
    expect(logs).toContain(`"redis":"${mode}"`); // the workers' connections were what the variant says
    expect(personalDataIn(logs, seeded)).toEqual([]);
    const left = await redisContents(bench.redisUrls);
    expect(left.keys.length).toBeGreaterThan(0); // the outbound queue and the events stream are there
    expect(personalDataIn(left.text, seeded)).toEqual([]);
  });
});
