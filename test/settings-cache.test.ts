/** cachedSettings: one settings read per interval, shared by concurrent callers; a failed read is not kept. */
import { writeSetting } from '../src/db/repos/settings';
import { DEFAULT_SETTINGS } from '../src/settings';
import { cachedSettings } from '../src/settings-cache';
import { createTestDatabase, type TestDatabase } from './helpers/test-database';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase('settingscache');
});
afterAll(() => t.drop());

test.each([
  {
    label: 'within the interval: the value read first',
    elapsedMs: 4999,
    expected: DEFAULT_SETTINGS.autoRepliesPerHour,
  },
  { label: 'after the interval: the changed value', elapsedMs: 5000, expected: 7 },
])('$label', async ({ elapsedMs, expected }) => {
  await t.db.deleteFrom('settings').execute();
  let now = 1_000_000;
  const read = cachedSettings(t.db, 5000, () => now);
  const [a, b] = await Promise.all([read(), read()]);
  expect(a).toBe(b); // concurrent callers share one load
  expect(a.autoRepliesPerHour).toBe(DEFAULT_SETTINGS.autoRepliesPerHour);
  await writeSetting(t.db, 'autoRepliesPerHour', 7, null);
  now += elapsedMs;
  expect((await read()).autoRepliesPerHour).toBe(expected);
});

test('a failed read is retried by the next caller instead of being served from the cache', async () => {
  let calls = 0;
  const failingOnce = new Proxy(t.db, {
    get(target, prop, receiver) {
      if (prop === 'selectFrom' && calls++ === 0) throw new Error('db: connection refused');
      const value = Reflect.get(target, prop, receiver);
      // Kysely's private fields need the real instance as `this`.
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  const read = cachedSettings(failingOnce, 5000, () => 0);
  await expect(read()).rejects.toThrow('connection refused');
  await expect(read()).resolves.toMatchObject({ ackTemplate: DEFAULT_SETTINGS.ackTemplate });
});
