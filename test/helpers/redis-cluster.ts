/**
 * A Redis Cluster of the test's own: three masters (Debian's redis-server, no replicas) on free loopback ports, each
 * a private durable Redis (test/helpers/private-redis.ts) in cluster mode, joined with `redis-cli --cluster create`.
 * Started in a few seconds; `destroy()` kills the servers and removes their directories.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import type { RedisNode } from '../../src/config';
import { freePort } from './free-port';
import { DURABLE_REDIS_ARGS, type PrivateRedis, startPrivateRedis } from './private-redis';
import { waitFor } from './wait-for';

const run = promisify(execFile);

export interface RedisCluster {
  masters: PrivateRedis[];
  nodes: RedisNode[];
  /** The environment a service process needs: REDIS_CLUSTER_NODES, and a REDIS_URL that lends no credentials. */
  env: { REDIS_URL: string; REDIS_CLUSTER_NODES: string };
  /** What `createProducerConnection`/`createWorkerConnection` take, as a parsed config would give it. */
  target: { REDIS_URL: string; REDIS_CLUSTER_NODES: RedisNode[] };
  destroy(): Promise<void>;
}

/** What a node says about the cluster, as `field: value`. */
async function clusterInfo(url: string): Promise<Record<string, string>> {
  const redis = new Redis(url, { maxRetriesPerRequest: 0, retryStrategy: () => null });
  redis.on('error', () => {});
  try {
    const text = String(await redis.cluster('INFO'));
    return Object.fromEntries(text.split('\r\n').map((line) => line.split(':') as [string, string]));
  } finally {
    redis.disconnect();
  }
}

export async function startRedisCluster(size = 3): Promise<RedisCluster> {
  const masters: PrivateRedis[] = [];
  try {
    for (let i = 0; i < size; i++) {
      // The cluster bus gets a free port of its own: the default (port + 10000) may be taken or beyond 65535.
      const bus = await freePort();
      masters.push(
        await startPrivateRedis([
          ...DURABLE_REDIS_ARGS,
          '--cluster-enabled',
          'yes',
          '--cluster-config-file',
          'nodes.conf',
          '--cluster-port',
          String(bus),
        ]),
      );
    }
    const addresses = masters.map((m) => `127.0.0.1:${m.port}`);
    await run('redis-cli', ['--cluster', 'create', ...addresses, '--cluster-replicas', '0', '--cluster-yes']);
    // Every node must know the others and serve all slots before a client may rely on the slot map.
    await waitFor(
      async () => {
        const infos = await Promise.all(masters.map((m) => clusterInfo(m.url)));
        return infos.every((i) => i.cluster_state === 'ok' && i.cluster_known_nodes === String(size));
      },
      { timeoutMs: 30000, intervalMs: 100, what: 'cluster_state:ok on every node' },
    );
  } catch (err) {
    for (const m of masters) await m.destroy();
    throw err;
  }
  const nodes = masters.map((m) => ({ host: '127.0.0.1', port: m.port }));
  const url = 'redis://127.0.0.1';
  return {
    masters,
    nodes,
    env: { REDIS_URL: url, REDIS_CLUSTER_NODES: nodes.map((n) => `${n.host}:${n.port}`).join(',') },
    target: { REDIS_URL: url, REDIS_CLUSTER_NODES: nodes },
    async destroy() {
      for (const m of masters) await m.destroy();
    },
  };
}
