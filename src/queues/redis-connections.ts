/**
 * Redis clients for BullMQ and everything else that talks to Redis. Producers (webhooks) must fail fast when Redis
 * is away, so that a provider gets a 503 instead of a 200 for a message that was never stored:
 * `enableOfflineQueue: false` makes a command fail at once. Workers block on Redis and must wait for it forever
 * instead: `maxRetriesPerRequest: null`.
 *
 * With REDIS_CLUSTER_NODES set every client is an ioredis Cluster (docs/operations.md#redis-cluster); REDIS_URL then
 * only lends its user name, password and TLS (`rediss:`) to every node. A plain URL string means one server (tests,
 * benchmarks).
 */
import { Cluster, type ClusterOptions, Redis, type RedisOptions } from 'ioredis';
import type { Config } from '../config';

/** One Redis server or a Redis Cluster: BullMQ and the rest of the code take either. */
export type RedisClient = Redis | Cluster;

/** Where Redis is: the config's two settings, or a URL of one server. */
export type RedisTarget = Pick<Config, 'REDIS_URL' | 'REDIS_CLUSTER_NODES'> | string;

// Reconnect with a capped backoff; ioredis keeps trying forever.
const retry = (times: number) => Math.min(times * 200, 5000);

const PRODUCER: RedisOptions = { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 3000 };
const WORKER: RedisOptions = { maxRetriesPerRequest: null, enableReadyCheck: false };

/** The credentials and TLS of REDIS_URL, for each cluster node (its host and port are not used). */
function nodeOptions(url: string): RedisOptions {
  const u = new URL(url);
  return {
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    ...(u.protocol === 'rediss:' ? { tls: {} } : {}),
  };
}

function connect(target: RedisTarget, options: RedisOptions, cluster: ClusterOptions): RedisClient {
  const url = typeof target === 'string' ? target : target.REDIS_URL;
  const nodes = typeof target === 'string' ? undefined : target.REDIS_CLUSTER_NODES;
  const client: RedisClient = nodes
    ? new Cluster(nodes, {
        ...cluster,
        clusterRetryStrategy: retry,
        redisOptions: { ...nodeOptions(url), ...options },
      })
    : new Redis(url, { retryStrategy: retry, lazyConnect: false, ...options });
  client.on('error', () => {}); // errors surface on the commands that fail; the listener only keeps the process up
  return client;
}

export function createProducerConnection(url: string): Redis;
export function createProducerConnection(target: RedisTarget): RedisClient;
export function createProducerConnection(target: RedisTarget): RedisClient {
  return connect(target, PRODUCER, { enableOfflineQueue: false });
}

export function createWorkerConnection(url: string): Redis;
export function createWorkerConnection(target: RedisTarget): RedisClient;
export function createWorkerConnection(target: RedisTarget): RedisClient {
  return connect(target, WORKER, { enableReadyCheck: true });
}

/** The servers that hold data: every master of a cluster, or the one server. */
export function redisMasters(client: RedisClient): Redis[] {
  return client instanceof Cluster ? client.nodes('master') : [client];
}

/** How Redis is deployed, for the start-up log. */
export function redisMode(client: RedisClient): 'single' | 'cluster' {
  return client instanceof Cluster ? 'cluster' : 'single';
}

/** Resolves once the client is ready (a cluster: its slots known); rejects on its first error or after `timeoutMs`. */
export function whenReady(client: RedisClient, timeoutMs: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (client.status === 'ready') return resolve();
    const timer = setTimeout(() => reject(new Error('ETIMEDOUT')), timeoutMs);
    client.once('ready', () => {
      clearTimeout(timer);
      resolve();
    });
    client.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}
