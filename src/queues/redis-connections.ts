/**
 * Redis clients for BullMQ. Producers (webhooks) must fail fast when Redis is away, so that a provider gets a 503
 * instead of a 200 for a message that was never stored: `enableOfflineQueue: false` makes a command fail at once.
 * Workers block on Redis and must wait for it forever instead: `maxRetriesPerRequest: null`.
 */
import { Redis, type RedisOptions } from 'ioredis';

const common: RedisOptions = {
  // Reconnect with a capped backoff; ioredis keeps trying forever.
  retryStrategy: (times) => Math.min(times * 200, 5000),
  lazyConnect: false,
};

export function createProducerConnection(url: string): Redis {
  const redis = new Redis(url, { ...common, enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 3000 });
  redis.on('error', () => {}); // errors surface on the commands that fail; the listener only keeps the process up
  return redis;
}

export function createWorkerConnection(url: string): Redis {
  const redis = new Redis(url, { ...common, maxRetriesPerRequest: null, enableReadyCheck: false });
  redis.on('error', () => {});
  return redis;
}
