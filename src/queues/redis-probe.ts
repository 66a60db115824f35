/**
 * Whether Redis can take the queues' commands, for /readyz: the server answers, or on a cluster every master that
 * owns slots answers (each holds some of them) and the cluster calls its own state ok.
 */
import { Cluster } from 'ioredis';
import type { RedisClient } from './redis-connections';

export interface RedisProbe {
  mode: 'single' | 'cluster';
  ok: boolean;
  masters: { reachable: number; total: number };
}

/** Runs one check with a deadline: true when it resolved in time. */
type Answers = (check: () => Promise<unknown>) => Promise<boolean>;

async function probeCluster(cluster: Cluster, answers: Answers): Promise<RedisProbe> {
  // The slot map names every master, also one whose connection ioredis has already dropped from its pool.
  const owners = new Set(cluster.slots.map((nodes) => nodes[0]).filter((key) => key !== undefined));
  const connected = new Map(cluster.nodes('master').map((n) => [`${n.options.host}:${n.options.port}`, n]));
  const pongs = await Promise.all(
    [...owners].map((key) => {
      const node = connected.get(key);
      return node ? answers(() => node.ping()) : false;
    }),
  );
  const reachable = pongs.filter(Boolean).length;
  let ok = owners.size > 0 && reachable === owners.size;
  if (ok) {
    // A master that died a moment ago may still be in the slot map as it was: the cluster itself knows better.
    ok = await answers(async () => {
      const info = String(await cluster.cluster('INFO'));
      if (!info.includes('cluster_state:ok')) throw new Error('cluster state not ok');
    });
  }
  return { mode: 'cluster', ok, masters: { reachable, total: owners.size } };
}

export async function probeRedis(client: RedisClient, answers: Answers): Promise<RedisProbe> {
  if (client instanceof Cluster) return probeCluster(client, answers);
  const ok = await answers(() => client.ping());
  return { mode: 'single', ok, masters: { reachable: ok ? 1 : 0, total: 1 } };
}
