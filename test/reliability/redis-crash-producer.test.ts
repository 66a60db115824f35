/**
 * Redis killed with -9 (AOF, appendfsync always) and restarted while messages are being queued through the
 * producer path the webhooks use (`createQueues(createProducerConnection(url))`): every add() that resolved (a
 * provider got its 200) is stored exactly once afterwards, and every add() that rejected (a 503) did so at once
 * instead of hanging the webhook (docs/architecture.md rules 1 and 5). An add that rejected may still have reached
 * Redis (it died before answering): the provider sends it again and the job id makes that harmless.
 */
import { waitFor } from '../helpers/wait-for';
import {
  expectedCounts,
  leftoverJobs,
  NO_LEFTOVERS,
  storedCounts,
  storedExternalIds,
  waitDrained,
} from './exactly-once';
import { type FaultBench, startFaultBench } from './fault-bench';
import { type SeededMessage, seededMessages } from './seeded-messages';

jest.setTimeout(300000);

/** A rejection slower than this would hold a webhook open: Twilio gives up after 15 s and does not retry. */
const HANG_MS = 5000;
const SENDERS = 4;
let bench: FaultBench;
beforeAll(async () => {
  bench = await startFaultBench({ label: 'redis', privateRedis: true });
});
afterAll(() => bench.close());

interface Outcome {
  message: SeededMessage;
  ok: boolean;
  ms: number;
}

test('Redis killed and restarted while adding: every resolved add stored once, rejections fast', async () => {
  const seeded = seededMessages(3000, { label: 'redis', seed: 59 });
  const { queues } = bench;
  const redis = bench.redis!;
  const t = bench.t!;
  const outcomes: Outcome[] = [];
  let next = 0;
  let stop = false;
  const resolved = () => outcomes.filter((o) => o.ok).length;
  // Webhook-like senders: one message at a time each, as fast as Redis answers.
  const sender = async () => {
    while (!stop && next < seeded.length) {
      const message = seeded[next++]!;
      const started = Date.now();
      try {
        await queues.addInbound(message.raw);
        outcomes.push({ message, ok: true, ms: Date.now() - started });
      } catch {
        outcomes.push({ message, ok: false, ms: Date.now() - started });
        await new Promise((resolve) => setTimeout(resolve, 20)); // a provider's retry is not a busy loop
      }
    }
  };
  const senders = Array.from({ length: SENDERS }, () => sender());

  await waitFor(() => resolved() >= 300, { timeoutMs: 60000, what: '300 messages queued' });
  await redis.kill();
  const killedAt = outcomes.length;
  await waitFor(() => outcomes.length >= killedAt + 20, { timeoutMs: 20000, what: 'adds while Redis is down' });
  await redis.start();
  const resolvedAtRestart = resolved();
  await waitFor(() => resolved() >= resolvedAtRestart + 300, { timeoutMs: 60000, what: 'adds after restart' });
  stop = true;
  await Promise.all(senders);

  const rejected = outcomes.filter((o) => !o.ok);
  expect(rejected.length).toBeGreaterThanOrEqual(20);
  expect(rejected.filter((o) => o.ms > HANG_MS)).toEqual([]);

  const worker = bench.spawn();
  await worker.ready();
  await waitDrained(queues.inbound, t.db, 180000);
  expect(await worker.terminate()).toBe(0);
  expect(await leftoverJobs(queues.inbound)).toEqual(NO_LEFTOVERS);

  const stored = new Set(await storedExternalIds(t.db));
  const lost = outcomes.filter((o) => o.ok && !stored.has(o.message.raw.externalId));
  expect(lost.map((o) => o.message.raw.externalId)).toEqual([]);
  const attempted = new Set(outcomes.map((o) => o.message.raw.externalId));
  expect([...stored].filter((id) => !attempted.has(id))).toEqual([]);
  // Exactly once: the counts of what is stored are those of the stored messages, each once.
  const storedMessages = seeded.filter((m) => stored.has(m.raw.externalId));
  expect(await storedCounts(t.db)).toEqual(expectedCounts(storedMessages));
});
