/**
 * The batched writer racing replays of the same messages (`halo replay` while the queue is still draining): two
 * worker processes take the messages in batches and the replay jobs one by one, on the same rows, in whatever order
 * they come. Each message is still stored once: one incident per report, one acknowledgement each, one answer per
 * status query, nothing doubled and nothing left unprocessed.
 */
import { toRawMessage } from '../../src/db/repos/raw-messages';
import { expectedCounts, leftoverJobs, NO_LEFTOVERS, storedCounts, waitDrained } from './exactly-once';
import { type FaultBench, startFaultBench } from './fault-bench';
import { seededMessages } from './seeded-messages';

jest.setTimeout(300000);

let bench: FaultBench;
beforeAll(async () => {
  bench = await startFaultBench({ label: 'replayrace' });
});
afterAll(() => bench.close());

test('batches and replays of the same 600 messages: each stored exactly once, each report acknowledged once', async () => {
  const seeded = seededMessages(600, { label: 'replayrace', seed: 47 });
  const { queues } = bench;
  const t = bench.t!;
  const workers = [bench.spawn(), bench.spawn()];
  await Promise.all(workers.map((w) => w.ready()));
  // The messages arrive 25 at a time; as soon as a worker has stored one (its batch not yet committed), a replay of
  // it is queued, as `halo replay` builds it from the stored row. The replay lands on the per-message path of the
  // other worker, on a row the batch is about to write.
  const replayed = new Set<string>();
  for (let i = 0; i < seeded.length; i += 25) {
    await queues.addInboundBulk(seeded.slice(i, i + 25).map((m) => m.raw));
    const rows = await t.db.selectFrom('raw_messages').selectAll().where('state', '=', 'received').execute();
    const fresh = rows.filter((row) => !replayed.has(row.id));
    for (const row of fresh) replayed.add(row.id);
    await queues.inbound.addBulk(
      fresh.map((row) => ({
        name: 'replay',
        data: { raw: toRawMessage(row), replay: true },
        opts: { jobId: `replay-${row.id}` },
      })),
    );
  }
  await waitDrained(queues.inbound, t.db, 240000);

  expect(replayed.size).toBeGreaterThan(0); // replays met rows whose batch had not committed
  expect(await leftoverJobs(queues.inbound)).toEqual(NO_LEFTOVERS);
  expect(await storedCounts(t.db)).toEqual(expectedCounts(seeded));
  for (const w of workers) expect(await w.terminate()).toBe(0);
});
