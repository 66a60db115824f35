/**
 * Everything a Redis holds under a key pattern, keys and values as one text, so a test can check that no
 * reporter's phone number or message lingers there (docs/architecture.md rule 5). SCAN, never KEYS.
 */
import { Redis } from 'ioredis';

async function readKey(redis: Redis, key: string): Promise<string> {
  const type = await redis.type(key);
  switch (type) {
    case 'string':
      return (await redis.get(key)) ?? '';
    case 'hash':
      return JSON.stringify(await redis.hgetall(key));
    case 'list':
      return JSON.stringify(await redis.lrange(key, 0, -1));
    case 'set':
      return JSON.stringify(await redis.smembers(key));
    case 'zset':
      return JSON.stringify(await redis.zrange(key, 0, -1, 'WITHSCORES'));
    case 'stream':
      return JSON.stringify(await redis.xrange(key, '-', '+'));
    default:
      return '';
  }
}

/**
 * Keys and values under `pattern` as text (one `key => value` line per key), from one server or from every master
 * of a cluster (SCAN sees only the server it is sent to).
 */
export async function redisContents(urls: string | string[], pattern = '*'): Promise<{ keys: string[]; text: string }> {
  const keys: string[] = [];
  const parts: string[] = [];
  for (const url of typeof urls === 'string' ? [urls] : urls) {
    const redis = new Redis(url, { maxRetriesPerRequest: 1 });
    try {
      let cursor = '0';
      do {
        const [next, found] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
        cursor = next;
        for (const key of found) {
          keys.push(key);
          parts.push(`${key} => ${await readKey(redis, key)}`);
        }
      } while (cursor !== '0');
    } finally {
      redis.disconnect();
    }
  }
  return { keys, text: parts.join('\n') };
}
