/**
 * What every fault test sets up: a Redis (a private durable one, a private three-master Redis Cluster, or the shared
 * one under a unique prefix), a test database, the producer path the webhooks use (`createQueues(createProducerConnection(url))`), and worker
 * processes that are all killed, with every listener closed, when the test file ends.
 */
import { createQueues, type Queues } from '../../src/queues/queues';
import { createProducerConnection, type RedisTarget, whenReady } from '../../src/queues/redis-connections';
import { DURABLE_REDIS_ARGS, type PrivateRedis, startPrivateRedis } from '../helpers/private-redis';
import { type RedisCluster, startRedisCluster } from '../helpers/redis-cluster';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';
import { clearPrefix, REDIS_URL, uniquePrefix } from '../helpers/test-redis';
import { spawnWorker, type WorkerEnv, type WorkerProcess } from '../helpers/worker-process';

export interface FaultBench {
  /** The private Redis, when the test asked for one (to kill it, or to scan all of it). */
  redis: PrivateRedis | null;
  /** The private Redis Cluster, when the test asked for one. */
  cluster: RedisCluster | null;
  /** One server's URL (a cluster's first master). */
  redisUrl: string;
  /** Every server that holds keys (all masters of a cluster), to scan all of Redis. */
  redisUrls: string[];
  /** What the test's own connections are made from: the URL, or the cluster's nodes. */
  redisTarget: RedisTarget;
  prefix: string;
  /** The test database; null when the test brings its own server (`databaseUrl`). */
  t: TestDatabase | null;
  queues: Queues;
  env: WorkerEnv;
  /** Starts a normalize worker process on this bench; it is killed when the bench closes. */
  spawn(extra?: Partial<WorkerEnv>): WorkerProcess;
  /** Runs at close, before the connections go. */
  onClose(close: () => Promise<void>): void;
  close(): Promise<void>;
}

export async function startFaultBench(options: {
  label: string;
  privateRedis?: boolean;
  /** A three-master Redis Cluster of the test's own; worker processes get REDIS_CLUSTER_NODES. */
  cluster?: boolean;
  /** A database on a server of the test's own; by default a fresh test database on the shared server. */
  databaseUrl?: string;
}): Promise<FaultBench> {
  const redis = options.privateRedis ? await startPrivateRedis(DURABLE_REDIS_ARGS) : null;
  const cluster = options.cluster ? await startRedisCluster() : null;
  const redisUrls = cluster ? cluster.masters.map((m) => m.url) : [redis?.url ?? REDIS_URL];
  const redisUrl = redisUrls[0]!;
  const redisTarget: RedisTarget = cluster ? cluster.target : redisUrl;
  const prefix = uniquePrefix(options.label);
  const t = options.databaseUrl ? null : await createTestDatabase(`rel_${options.label}`);
  const producer = createProducerConnection(redisTarget);
  // The producer has no offline queue (rule 1): the first add() must not run before it is connected.
  await whenReady(producer, 10000);
  const queues = createQueues(producer, prefix);
  const env: WorkerEnv = {
    DATABASE_URL: options.databaseUrl ?? t!.url,
    REDIS_URL: cluster?.env.REDIS_URL ?? redisUrl,
    QUEUE_PREFIX: prefix,
    ...(cluster ? { REDIS_CLUSTER_NODES: cluster.env.REDIS_CLUSTER_NODES } : {}),
  };
  const workers: WorkerProcess[] = [];
  const closers: Array<() => Promise<void>> = [];
  return {
    redis,
    cluster,
    redisUrl,
    redisUrls,
    redisTarget,
    prefix,
    t,
    queues,
    env,
    spawn(extra = {}) {
      const w = spawnWorker({ ...env, ...extra });
      workers.push(w);
      return w;
    },
    onClose: (close) => closers.push(close),
    async close() {
      for (const w of workers) await w.kill();
      for (const close of closers) await close();
      await queues.close();
      producer.disconnect();
      if (redis) await redis.destroy();
      else if (cluster) await cluster.destroy();
      else await clearPrefix(prefix);
      await t?.drop();
    },
  };
}
