/**
 * Start-up check of Redis (docs/architecture.md rule 7): BullMQ loses jobs when Redis evicts keys, so
 * maxmemory-policy must be noeviction; acknowledged messages survive a crash only with AOF and appendfsync always.
 * On a cluster every master holds some of the queues' slots, so every master is checked.
 */
import { Cluster, type Redis } from 'ioredis';
import type { RedisClient } from './redis-connections';

export interface RedisCheck {
  fatal: string | null;
  warnings: string[];
}

async function configGet(redis: Redis, key: string): Promise<string | null> {
  try {
    const reply = (await redis.config('GET', key)) as string[];
    return reply[1] ?? null;
  } catch {
    return null; // managed Redis services may forbid CONFIG: then we cannot tell, and say so below
  }
}

/** Whether a server runs in cluster mode (null when INFO is refused). */
async function clusterEnabled(redis: Redis): Promise<boolean | null> {
  try {
    return /^cluster_enabled:1\b/m.test(await redis.info('cluster'));
  } catch {
    return null;
  }
}

/** How messages name one server and the command that fixes it: the address only matters on a cluster. */
interface Server {
  redis: Redis;
  name: string;
  cli: string;
}

async function checkServer({ redis, name, cli }: Server): Promise<RedisCheck> {
  const policy = await configGet(redis, 'maxmemory-policy');
  const aof = await configGet(redis, 'appendonly');
  const fsync = await configGet(redis, 'appendfsync');
  const warnings: string[] = [];
  let fatal: string | null = null;
  if (policy === null) {
    warnings.push(`${name}: cannot read maxmemory-policy (CONFIG GET refused); make sure it is noeviction`);
  } else if (policy !== 'noeviction') {
    fatal = `${name}: maxmemory-policy is ${policy}, must be noeviction or queued messages can be evicted; fix: ${cli} CONFIG SET maxmemory-policy noeviction (and set it in redis.conf)`;
  }
  if (aof !== null && aof !== 'yes') {
    warnings.push(
      `${name}: AOF is off, queued messages are lost if Redis crashes; fix: ${cli} CONFIG SET appendonly yes (and appendonly yes in redis.conf)`,
    );
  } else if (fsync !== null && fsync !== 'always') {
    warnings.push(
      `${name}: appendfsync is ${fsync}, up to a second of acknowledged messages can be lost in a crash; fix: ${cli} CONFIG SET appendfsync always`,
    );
  }
  return { fatal, warnings };
}

export async function checkRedis(client: RedisClient): Promise<RedisCheck> {
  if (!(client instanceof Cluster)) {
    // A cluster node answers MOVED for most keys: the queues would fail at their first command, not here.
    if (await clusterEnabled(client)) {
      return {
        fatal: 'redis: REDIS_URL is a Redis Cluster node; list the cluster in REDIS_CLUSTER_NODES (host:port,…)',
        warnings: [],
      };
    }
    return checkServer({ redis: client, name: 'redis', cli: 'redis-cli' });
  }
  const checks = await Promise.all(
    client.nodes('master').map((redis) => {
      const { host, port } = redis.options;
      return checkServer({ redis, name: `redis ${host}:${port}`, cli: `redis-cli -h ${host} -p ${port}` });
    }),
  );
  const fatals = checks.map((c) => c.fatal).filter((f): f is string => f !== null);
  return { fatal: fatals.length ? fatals.join('; ') : null, warnings: checks.flatMap((c) => c.warnings) };
}
