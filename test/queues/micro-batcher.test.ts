/**
 * The micro-batcher the normalize worker hands its jobs to: batches leave full or after the flush delay, no more
 * than the allowed number run at once, and each item settles with its own result (a failing item fails alone).
 */
import { MicroBatcher } from '../../src/queues/micro-batcher';

function recording(options: { maxSize: number; flushMs: number; maxInFlight: number }) {
  const batches: number[][] = [];
  let running = 0;
  let mostRunning = 0;
  const releases: Array<() => void> = [];
  const batcher = new MicroBatcher<number, string>(async (items) => {
    batches.push(items);
    running++;
    mostRunning = Math.max(mostRunning, running);
    await new Promise<void>((resolve) => releases.push(resolve));
    running--;
    return items.map(
      (n): PromiseSettledResult<string> =>
        n < 0 ? { status: 'rejected', reason: new Error(`poison ${n}`) } : { status: 'fulfilled', value: `done ${n}` },
    );
  }, options);
  return {
    batcher,
    batches,
    mostRunning: () => mostRunning,
    /** Lets every batch started so far finish. */
    releaseAll() {
      for (const release of releases.splice(0)) release();
    },
  };
}

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('a batch leaves as soon as it is full, without waiting for the flush delay', async () => {
  const r = recording({ maxSize: 3, flushMs: 60_000, maxInFlight: 1 });
  const results = [1, 2, 3].map((n) => r.batcher.submit(n));
  await tick(0);
  expect(r.batches).toEqual([[1, 2, 3]]);
  r.releaseAll();
  await expect(Promise.all(results)).resolves.toEqual(['done 1', 'done 2', 'done 3']);
});

test('a batch that does not fill leaves after the flush delay', async () => {
  const r = recording({ maxSize: 100, flushMs: 5, maxInFlight: 1 });
  const one = r.batcher.submit(7);
  expect(r.batches).toEqual([]);
  await tick(50);
  expect(r.batches).toEqual([[7]]);
  r.releaseAll();
  await expect(one).resolves.toBe('done 7');
});

test('no more batches run at once than allowed; what gathers meanwhile leaves when a slot frees', async () => {
  const r = recording({ maxSize: 2, flushMs: 1, maxInFlight: 2 });
  const all = [1, 2, 3, 4, 5, 6, 7].map((n) => r.batcher.submit(n));
  await tick(20);
  expect(r.batches).toEqual([
    [1, 2],
    [3, 4],
  ]);
  r.releaseAll();
  await tick(20);
  r.releaseAll();
  await tick(20);
  r.releaseAll();
  await expect(Promise.all(all)).resolves.toHaveLength(7);
  expect(r.batches.flat()).toEqual([1, 2, 3, 4, 5, 6, 7]);
  expect(r.mostRunning()).toBe(2);
});

test('an item that fails fails alone; the others in its batch complete', async () => {
  const r = recording({ maxSize: 3, flushMs: 1, maxInFlight: 1 });
  const results = [1, -2, 3].map((n) => r.batcher.submit(n));
  await tick(0);
  r.releaseAll();
  const settled = await Promise.allSettled(results);
  expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  expect((settled[1] as PromiseRejectedResult).reason.message).toBe('poison -2');
});

test('a batch runner that throws fails every item of that batch (their jobs are retried)', async () => {
  const batcher = new MicroBatcher<number, string>(
    async () => {
      throw new Error('database away');
    },
    { maxSize: 2, flushMs: 1, maxInFlight: 1 },
  );
  const settled = await Promise.allSettled([batcher.submit(1), batcher.submit(2)]);
  expect(settled.map((s) => (s.status === 'rejected' ? (s.reason as Error).message : s.value))).toEqual([
    'database away',
    'database away',
  ]);
});
