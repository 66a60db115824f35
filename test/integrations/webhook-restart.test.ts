/**
 * "Each event once, even across a restart": the real service (`npm start`'s workers/all.ts, normalize and outbound
 * roles) is stopped with SIGTERM while reports are still being turned into incidents and deliveries are in flight
 * to a slow receiver, more reports arrive while it is down, and after a restart the receiver has every event
 * exactly once, each signed.
 */

import { upsertUser } from '../../src/db/repos/users';
import { insertSubscription } from '../../src/db/repos/webhook-subscriptions';
import { createQueues } from '../../src/queues/queues';
import { createProducerConnection } from '../../src/queues/redis-connections';
import { spawnService } from '../helpers/spawn-service';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';
import { clearPrefix, REDIS_URL, uniquePrefix } from '../helpers/test-redis';
import { waitFor } from '../helpers/wait-for';
import { sms } from '../http/workspace-harness';
import { startReceiver, type WebhookReceiver } from './webhook-receiver';

jest.setTimeout(180000);

let t: TestDatabase;
let receiver: WebhookReceiver;
const prefix = uniquePrefix('whrestart');
const producer = createProducerConnection(REDIS_URL);
const queues = createQueues(producer, prefix);

beforeAll(async () => {
  t = await createTestDatabase('whrestart');
  receiver = await startReceiver('rahasia-pusdalops-0123456789abcdef', { delayMs: 150 });
  const { user } = await upsertUser(t.db, {
    email: 'admin@kesbang.test',
    role: 'admin',
    name: 'Admin',
    passwordHash: 'no-login',
  });
  await insertSubscription(t.db, {
    name: 'Pusdalops',
    url: receiver.url,
    secret: receiver.secret,
    events: ['incident.created'],
    trusted: false,
    createdBy: user.id,
  });
});
afterAll(async () => {
  await queues.close();
  producer.disconnect();
  await receiver?.close();
  await clearPrefix(prefix);
  await t?.drop();
});

function startService() {
  const s = spawnService({
    DATABASE_URL: t.url,
    REDIS_URL,
    QUEUE_PREFIX: prefix,
    HALO_ROLES: 'normalize,outbound',
    ACK_REPLIES: 'false',
    LOG_LEVEL: 'info',
  });
  return {
    ...s,
    ready: () =>
      waitFor(() => s.stderr().includes('"msg":"halo kesbang started"'), { timeoutMs: 60000, what: 'start-up' }),
    stop: () => {
      s.child.kill('SIGTERM');
      return s.exited;
    },
  };
}

// One resident each: the same number's second message within hours would join the first report's thread.
const texts = (n: number, prefix: string) =>
  Array.from({ length: n }, (_, i) =>
    sms(`Ada tawuran pemuda nomor ${i} di Kel. Amassangan, warga resah`, `${prefix}${String(i).padStart(3, '0')}`),
  );

test('every incident.created arrives exactly once, signed, across a SIGTERM and a restart', async () => {
  const first = startService();
  await first.ready();
  await queues.addInboundBulk(texts(12, '+6281111111'));
  await waitFor(() => receiver.accepted().length >= 3, { what: 'first deliveries', timeoutMs: 60000 });
  expect(await first.stop()).toBe(0);

  await queues.addInboundBulk(texts(6, '+6282222222'));
  const second = startService();
  await second.ready();
  const incidents = async () =>
    Number(
      (
        await t.db
          .selectFrom('incidents')
          .select((e) => e.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  await waitFor(async () => (await incidents()) === 18 && receiver.accepted().length >= 18, {
    what: '18 incidents delivered',
    timeoutMs: 120000,
  });
  // Give a duplicate every chance to show up: the sweep and any stalled job would have run by now.
  await waitFor(
    async () =>
      (await t.db.selectFrom('webhook_deliveries').select('id').where('state', '=', 'pending').execute()).length === 0,
    { what: 'nothing pending' },
  );
  expect(await second.stop()).toBe(0);

  const ids = receiver.received.map((r) => r.json.id);
  expect(new Set(ids).size).toBe(18);
  expect(ids).toHaveLength(18);
  expect(new Set(receiver.received.map((r) => r.json.incident.id)).size).toBe(18);
  expect(receiver.received.every((r) => r.signatureValid && r.json.type === 'incident.created')).toBe(true);
  expect(receiver.received.some((r) => JSON.stringify(r.json).includes('1111111'))).toBe(false);
});
