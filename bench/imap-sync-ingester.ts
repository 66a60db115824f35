/**
 * The ingester half of bench/imap-sync.ts, in its own process so that its peak memory is its own: runs the imap
 * role until the mailbox's checkpoint reaches the expected UID, then prints {ms, queued, cpuMs, maxRssMb, …} and
 * exits. The sync reads no faster than the workers take the mail (back-pressure): when the benchmark's time box
 * closes first it sends SIGTERM, and the ingester reports how far it got, with `ms` null.
 */

import { StatusBoard } from '../src/app-deps/status-board';
import { startMailboxes } from '../src/channels/email/start-mailboxes';
import { loadConfig } from '../src/config';
import { createDb } from '../src/db/connection';
import { getCheckpoint } from '../src/db/repos/mailbox-state';
import { createLogger } from '../src/logger';
import { createMetrics } from '../src/metrics';
import { createQueues } from '../src/queues/queues';
import { createProducerConnection } from '../src/queues/redis-connections';

async function main() {
  const expected = Number(process.argv[2]);
  const config = loadConfig();
  const logger = createLogger('warn');
  const db = createDb(config.DATABASE_URL, { max: 2 });
  const redis = createProducerConnection(config.REDIS_URL);
  await new Promise((r) => redis.once('ready', r));
  const queues = createQueues(redis, config.QUEUE_PREFIX);
  const deps = { config, db, logger, metrics: createMetrics(), status: new StatusBoard(), queues };
  // Where the memory goes: resident size once everything is loaded, and V8's heap at its largest during the sync.
  const loadedRssMb = Math.round(process.memoryUsage().rss / 1048576);
  let peakHeapMb = 0;
  const sampler = setInterval(() => {
    peakHeapMb = Math.max(peakHeapMb, Math.round(process.memoryUsage().heapTotal / 1048576));
  }, 50);
  const started = Date.now();
  const cpuBefore = process.cpuUsage();
  let cut = false;
  process.once('SIGTERM', () => {
    cut = true;
  });
  const stop = await startMailboxes(deps);
  let queued = 0;
  for (;;) {
    queued = (await getCheckpoint(db, 'INBOX'))?.lastUid ?? 0;
    if (queued >= expected || cut) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const ms = queued >= expected ? Date.now() - started : null;
  const cpu = process.cpuUsage(cpuBefore);
  clearInterval(sampler);
  await stop?.();
  await queues.close();
  redis.disconnect();
  await db.destroy();
  process.stdout.write(
    `${JSON.stringify({ ms, queued, cpuMs: Math.round((cpu.user + cpu.system) / 1000), maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024), loadedRssMb, peakHeapMb })}\n`,
  );
}

void main();
