/**
 * Start-up check of Redis (docs/architecture.md rule 7): BullMQ loses jobs when Redis evicts keys, so
 * maxmemory-policy must be noeviction; acknowledged messages survive a crash only with AOF and appendfsync always.
 */
import type { Redis } from 'ioredis';

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

export async function checkRedis(redis: Redis): Promise<RedisCheck> {
  const policy = await configGet(redis, 'maxmemory-policy');
  const aof = await configGet(redis, 'appendonly');
  const fsync = await configGet(redis, 'appendfsync');
  const warnings: string[] = [];
  let fatal: string | null = null;
  if (policy === null) {
    warnings.push('redis: cannot read maxmemory-policy (CONFIG GET refused); make sure it is noeviction');
  } else if (policy !== 'noeviction') {
    fatal = `redis: maxmemory-policy is ${policy}, must be noeviction or queued messages can be evicted; fix: redis-cli CONFIG SET maxmemory-policy noeviction (and set it in redis.conf)`;
  }
  if (aof !== null && aof !== 'yes') {
    warnings.push(
      'redis: AOF is off, queued messages are lost if Redis crashes; fix: redis-cli CONFIG SET appendonly yes (and appendonly yes in redis.conf)',
    );
  } else if (fsync !== null && fsync !== 'always') {
    warnings.push(
      `redis: appendfsync is ${fsync}, up to a second of acknowledged messages can be lost in a crash; fix: redis-cli CONFIG SET appendfsync always`,
    );
  }
  return { fatal, warnings };
}
