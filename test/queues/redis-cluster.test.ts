/**
 * The service on a three-master Redis Cluster (REDIS_CLUSTER_NODES): the start-up check reads every master, /readyz
 * reports the mode and the masters, the login throttle's two-key transaction, the app's rate limit (a script) and
 * the live list's pub/sub work through cluster clients, an SMS is queued there, and losing the master that holds the
 * queue makes /readyz and the webhook answer 503. The queue itself on a cluster, with worker processes killed, is
 * proven by test/reliability/worker-kill.test.ts and two-workers.test.ts.
 */
import { Redis } from 'ioredis';
import { parseConfig } from '../../src/config';
import { inboundJobId } from '../../src/queues/job-ids';
import { checkRedis } from '../../src/queues/redis-check';
import { createProducerConnection, createWorkerConnection, whenReady } from '../../src/queues/redis-connections';
import { createIncidentEvents } from '../../src/runtime/incident-events';
import { type Service, startService } from '../../src/runtime/service';
import { freePort } from '../helpers/free-port';
import { type RedisCluster, startRedisCluster } from '../helpers/redis-cluster';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';
import { captureLogger } from '../helpers/test-logger';
import { uniquePrefix } from '../helpers/test-redis';
import { waitFor } from '../helpers/wait-for';

jest.setTimeout(90000);

let cluster: RedisCluster;
let t: TestDatabase;
let service: Service;
const prefix = uniquePrefix('cluster');
const log = captureLogger();
const SECRET = 'rahasia-gateway-cluster';

beforeAll(async () => {
  cluster = await startRedisCluster();
  t = await createTestDatabase('cluster');
  const config = parseConfig({
    DATABASE_URL: t.url,
    ...cluster.env,
    QUEUE_PREFIX: prefix,
    PORT: String(await freePort()),
    HALO_ROLES: 'api',
    SMSSYNC_SECRET: SECRET,
  });
  service = await startService(config, log.logger, { roles: ['api'] });
});

afterAll(async () => {
  await service?.close();
  await t?.drop();
  await cluster?.destroy();
});

let seq = 0;
/** One SMS from the Android gateway (SMSSync); the answer's status is what the phone acts on. */
const postSms = async () => {
  const messageId = `c1a57e20-0000-4000-8000-${(++seq).toString().padStart(12, '0')}`;
  const res = await fetch(`${service.address}/webhooks/smssync`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      from: '081245678901',
      message: 'Ada keributan antar warga di Kel. Amassangan, mohon dicek',
      message_id: messageId,
      sent_to: '+6285299990000',
      secret: SECRET,
      device_id: 'kesbang-hp-1',
      sent_timestamp: String(Date.now() - 60_000),
    }),
  });
  return { status: res.status, jobId: inboundJobId('sms', messageId) };
};

/** The master that owns the queues' one slot (the hash tag of the prefix). */
async function queueMaster() {
  const probe = new Redis(cluster.masters[0]!.url);
  try {
    const slot = Number(await probe.cluster('KEYSLOT', prefix));
    const ranges = await probe.cluster('SLOTS');
    const owner = ranges.find(([from, to]) => slot >= from && slot <= to)![2]![1];
    return cluster.masters.find((m) => m.port === owner)!;
  } finally {
    probe.disconnect();
  }
}

const readyz = async () => {
  const res = await fetch(`${service.address}/readyz`);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

test('the start-up check read every master, and /readyz reports the cluster and its masters', async () => {
  expect(log.lines.join('\n')).toContain('"redis":"cluster","masters":3');
  expect(await readyz()).toEqual({
    status: 200,
    body: expect.objectContaining({
      status: 'ok',
      redis: 'ok',
      redisMode: 'cluster',
      redisMasters: { reachable: 3, total: 3 },
    }),
  });
});

describe('start-up check of a cluster', () => {
  test('one evicting master is refused by its address, with the command that fixes it there', async () => {
    const client = createProducerConnection(cluster.target);
    const odd = cluster.masters[1]!;
    const admin = new Redis(odd.url);
    try {
      await whenReady(client, 10000);
      expect(await checkRedis(client)).toEqual({ fatal: null, warnings: [] });
      await admin.config('SET', 'maxmemory-policy', 'allkeys-lru');
      await admin.config('SET', 'appendfsync', 'everysec');
      const check = await checkRedis(client);
      expect(check.fatal).toBe(
        `redis 127.0.0.1:${odd.port}: maxmemory-policy is allkeys-lru, must be noeviction or queued messages can be evicted; fix: redis-cli -h 127.0.0.1 -p ${odd.port} CONFIG SET maxmemory-policy noeviction (and set it in redis.conf)`,
      );
      expect(check.warnings).toEqual([expect.stringContaining(`redis 127.0.0.1:${odd.port}: appendfsync is everysec`)]);
    } finally {
      await admin.config('SET', 'maxmemory-policy', 'noeviction');
      await admin.config('SET', 'appendfsync', 'always');
      admin.disconnect();
      client.disconnect();
    }
  });

  test('a cluster node given as REDIS_URL is refused: most keys would answer MOVED', async () => {
    const single = new Redis(cluster.masters[0]!.url);
    try {
      expect((await checkRedis(single)).fatal).toBe(
        'redis: REDIS_URL is a Redis Cluster node; list the cluster in REDIS_CLUSTER_NODES (host:port,…)',
      );
    } finally {
      single.disconnect();
    }
  });
});

test('the login throttle counts on the cluster: the 11th wrong password from one address is refused', async () => {
  const attempt = () =>
    fetch(`${service.address}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'tidak.ada@example.go.id', password: 'salah-sekali-lagi' }),
    });
  const statuses: number[] = [];
  for (let i = 0; i < 11; i++) statuses.push((await attempt()).status);
  expect(statuses).toEqual([...Array(10).fill(401), 429]);
});

test("the app's rate limit counts on the cluster: a fourth sign-in code for one number is refused", async () => {
  const ask = () =>
    fetch(`${service.address}/api/app/otp`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: service.address! },
      body: JSON.stringify({ phone: '0812 3456 7890' }),
    });
  const statuses: number[] = [];
  for (let i = 0; i < 4; i++) statuses.push((await ask()).status);
  expect(statuses).toEqual([202, 202, 202, 429]);
});

test('an incident change published by another process reaches this one through the cluster', async () => {
  const other = createIncidentEvents(
    createProducerConnection(cluster.target),
    createWorkerConnection(cluster.target),
    prefix,
  );
  const heard: string[] = [];
  const unsubscribe = service.events.subscribe((id) => heard.push(id));
  try {
    // A subscription takes a moment to reach a node: publish until heard, then check nothing else arrived.
    await waitFor(
      () => {
        other.publish('4242');
        return heard.includes('4242');
      },
      { timeoutMs: 10000, intervalMs: 200, what: 'the event through the cluster' },
    );
    expect(new Set(heard)).toEqual(new Set(['4242']));
  } finally {
    unsubscribe();
    await other.close();
  }
});

test('an SMS from the gateway is queued on the cluster before the phone hears 200', async () => {
  const sms = await postSms();
  expect(sms.status).toBe(200);
  expect(await service.queues.inbound.getJob(sms.jobId)).toBeDefined();
});

test('the master holding the queue lost: /readyz answers 503, and so does the webhook (the phone sends again)', async () => {
  await (await queueMaster()).kill();
  const down = await waitFor(
    async () => {
      const r = await readyz();
      return r.status === 503 ? r : null;
    },
    { timeoutMs: 30000, intervalMs: 200, what: '/readyz 503' },
  );
  expect(down.body).toEqual(
    expect.objectContaining({
      status: 'down',
      redis: 'down',
      redisMode: 'cluster',
      redisMasters: { reachable: 2, total: 3 },
    }),
  );
  // Never a 200 for a message Redis did not take (docs/architecture.md rule 1).
  expect((await postSms()).status).toBe(503);
});
