/**
 * A Redis server of the test's own (Debian's redis-server) on a free port, so that a test may kill it, restart it
 * or change its settings without disturbing anything else.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { freePort } from './free-port';
import { waitFor } from './wait-for';

/**
 * The settings production runs with (docs/architecture.md rules 5 and 7): AOF fsynced before each reply, so a job whose
 * add() resolved survives kill -9; noeviction, so Redis never drops a queued job to make room.
 */
export const DURABLE_REDIS_ARGS = [
  '--appendonly',
  'yes',
  '--appendfsync',
  'always',
  '--maxmemory-policy',
  'noeviction',
];

export interface PrivateRedis {
  url: string;
  port: number;
  start(): Promise<void>;
  kill(): Promise<void>;
  destroy(): Promise<void>;
}

export async function startPrivateRedis(args: string[] = []): Promise<PrivateRedis> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'halo-redis-'));
  const port = await freePort();
  let child: ChildProcess | null = null;
  const r: PrivateRedis = {
    url: `redis://127.0.0.1:${port}`,
    port,
    async start() {
      child = spawn(
        'redis-server',
        ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', ...args],
        {
          stdio: 'ignore',
        },
      );
      await waitFor(
        async () => {
          const probe = new Redis(r.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
          probe.on('error', () => {});
          try {
            await probe.connect();
            return (await probe.ping()) === 'PONG';
          } finally {
            // A probe that found no server has ended already; disconnecting it would arm a 2 s timer (ioredis waits
            // for a close that already happened) that keeps jest from exiting.
            if (probe.status !== 'end') probe.disconnect();
          }
        },
        { what: `redis on ${port}` },
      );
    },
    async kill() {
      const c = child;
      child = null;
      if (!c || c.exitCode !== null) return;
      const exited = new Promise((res) => c.once('exit', res));
      c.kill('SIGKILL');
      await exited;
    },
    async destroy() {
      await r.kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await r.start();
  return r;
}
