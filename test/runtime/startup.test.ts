/** `npm start` from the outside: it starts on an empty database, answers probes, stops cleanly, and fails clearly. */
import { freePort } from '../helpers/free-port';
import { spawnService } from '../helpers/spawn-service';
import { databaseUrl, dropDatabase } from '../helpers/test-database';
import { clearPrefix, REDIS_URL, uniquePrefix } from '../helpers/test-redis';
import { waitFor } from '../helpers/wait-for';

jest.setTimeout(60000);

test('starts on a database that does not exist yet, answers /readyz, and stops on SIGTERM', async () => {
  const dbName = `halo_startup_${Date.now()}`;
  const url = databaseUrl(dbName);
  const port = await freePort();
  const prefix = uniquePrefix('startup');
  const service = spawnService({
    DATABASE_URL: url,
    REDIS_URL,
    QUEUE_PREFIX: prefix,
    PORT: String(port),
    LOG_LEVEL: 'info',
  });
  try {
    const ready = await waitFor(
      async () => {
        const res = await fetch(`http://127.0.0.1:${port}/readyz`);
        return res.status === 200 ? ((await res.json()) as Record<string, unknown>) : null;
      },
      { timeoutMs: 30000, what: '/readyz 200' },
    );
    expect(ready).toMatchObject({
      status: 'ok',
      postgres: 'ok',
      redis: 'ok',
      redisMode: 'single',
      redisMasters: { reachable: 1, total: 1 },
      roles: { api: 'running', imap: 'idle', normalize: 'running', outbound: 'running' },
      mailboxes: [],
    });
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect(metrics).toContain('halo_inbound_messages_total');
    service.child.kill('SIGTERM');
    expect(await service.exited).toBe(0);
    expect(service.stderr()).toContain('"msg":"stopped"');
  } finally {
    service.child.kill('SIGKILL');
    await dropDatabase(url);
    await clearPrefix(prefix);
  }
});

describe('a wrong setting stops the process with one clear line', () => {
  test.each([
    ['DATABASE_URL', async () => ({ DATABASE_URL: `postgres://postgres@127.0.0.1:${await freePort()}/halo` })],
    ['REDIS_URL', async () => ({ REDIS_URL: `redis://127.0.0.1:${await freePort()}` })],
    ['REDIS_CLUSTER_NODES', async () => ({ REDIS_CLUSTER_NODES: `127.0.0.1:${await freePort()}` })],
    // A server without cluster mode: the line says so ("cluster support disabled"), not only that slots failed.
    ['cluster support disabled', async () => ({ REDIS_CLUSTER_NODES: new URL(REDIS_URL).host })],
    ['PORT', async () => ({ PORT: 'eighty' })],
  ])('%s', async (variable, makeEnv) => {
    const service = spawnService({
      DATABASE_URL: databaseUrl('halo_startup_never_created'),
      QUEUE_PREFIX: uniquePrefix('bad'),
      ...(await makeEnv()),
    });
    const code = await service.exited;
    expect(code).not.toBe(0);
    // Structured log lines (JSON) may come before it, such as the warning about Redis without AOF.
    const lines = service
      .stderr()
      .trim()
      .split('\n')
      .filter((line) => !line.startsWith('{'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(variable);
    expect(lines[0]).not.toMatch(/\bat .*\.ts:\d+/); // no stack trace
  });
});
