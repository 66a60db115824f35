/**
 * Two worker processes on the same Redis and PostgreSQL, one killed with -9 three times and restarted each time:
 * how the service scales beyond one machine (docs/architecture.md rule 4). Every message is stored exactly once.
 * The same spec runs on one durable Redis and on a three-master Redis Cluster (REDIS_CLUSTER_NODES).
 */
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
import { seededMessages } from './seeded-messages';

jest.setTimeout(360000);

const KILLS = 3;
// The messages arrive in parts: one before the steady worker starts and one after each victim is up (a victim's
// few seconds of tsx start-up are thousands of messages to a batched writer), so that every kill lands in the
// middle of the work, with the victim holding jobs.
const MESSAGES = 4000;
const PARTS = KILLS + 1;
const VARIANTS = [
  { redis: 'one Redis', bench: { label: 'two', privateRedis: true } },
  { redis: 'a Redis Cluster', bench: { label: 'two_cluster', cluster: true } },
];

describe.each(VARIANTS)('on $redis', ({ bench: options }) => {
  let bench: FaultBench;
  beforeAll(async () => {
    bench = await startFaultBench(options);
  });
  afterAll(() => bench.close());

  test(`two workers, one killed ${KILLS} times: each of ${MESSAGES} messages stored exactly once`, async () => {
    const seeded = seededMessages(MESSAGES, { label: 'two', seed: 31 });
    const { queues } = bench;
    const t = bench.t!;
    const spawn = () => bench.spawn();
    const part = (k: number) => seeded.slice((k * MESSAGES) / PARTS, ((k + 1) * MESSAGES) / PARTS).map((m) => m.raw);
    await queues.addInboundBulk(part(0));
    const stalled = countStalled(queues.inbound, bench.redisTarget);
    bench.onClose(stalled.close);

    const steady = spawn();
    await steady.ready();
    let heldAtKills = 0;
    for (let kill = 0; kill < KILLS; kill++) {
      const victim = spawn();
      await victim.ready();
      const before = await processedCount(t.db);
      await queues.addInboundBulk(part(kill + 1));
      await waitFor(async () => (await processedCount(t.db)) >= before + 100, {
        timeoutMs: 60000,
        what: `progress before kill ${kill + 1}`,
      });
      await victim.kill();
      heldAtKills += (await queues.inbound.getJobCounts('active')).active ?? 0;
    }
    expect(await processedCount(t.db)).toBeLessThan(seeded.length); // the kills came in the middle
    const restarted = spawn();
    await restarted.ready();
    await waitDrained(queues.inbound, t.db, 240000);
    expect(steady.alive()).toBe(true);
    expect(await restarted.terminate()).toBe(0);
    expect(await steady.terminate()).toBe(0);

    // The dead workers' jobs came back through the stalled check (the steady worker's jobs were active too).
    expect(heldAtKills).toBeGreaterThan(0);
    expect(stalled.count()).toBeGreaterThan(0);
    expect(await leftoverJobs(queues.inbound)).toEqual(NO_LEFTOVERS);
    expect(await storedCounts(t.db)).toEqual(expectedCounts(seeded));
    expect(await storedExternalIds(t.db)).toEqual(seeded.map((m) => m.raw.externalId).sort());
  });
});
