import { Redis } from 'ioredis';
import { checkRedis } from '../../src/queues/redis-check';
import { type PrivateRedis, startPrivateRedis } from '../helpers/private-redis';

describe('start-up check of Redis', () => {
  let server: PrivateRedis;
  let redis: Redis;
  beforeAll(async () => {
    server = await startPrivateRedis(['--maxmemory-policy', 'allkeys-lru', '--appendonly', 'no']);
    redis = new Redis(server.url);
  });
  afterAll(async () => {
    redis.disconnect();
    await server.destroy();
  });

  test('an evicting policy is refused with the command that fixes it', async () => {
    const check = await checkRedis(redis);
    expect(check.fatal).toContain('maxmemory-policy is allkeys-lru');
    expect(check.fatal).toContain('CONFIG SET maxmemory-policy noeviction');
  });

  test('AOF off is a warning; appendfsync everysec is a warning; always is quiet', async () => {
    await redis.config('SET', 'maxmemory-policy', 'noeviction');
    let check = await checkRedis(redis);
    expect(check.fatal).toBeNull();
    expect(check.warnings.join('\n')).toContain('AOF is off');
    await redis.config('SET', 'appendonly', 'yes');
    await redis.config('SET', 'appendfsync', 'everysec');
    check = await checkRedis(redis);
    expect(check.warnings.join('\n')).toContain('appendfsync is everysec');
    await redis.config('SET', 'appendfsync', 'always');
    check = await checkRedis(redis);
    expect(check).toEqual({ fatal: null, warnings: [] });
  });
});
