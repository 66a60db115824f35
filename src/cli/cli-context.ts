/** What most `halo` commands need: config, database (migrated), queues; closed in one call. */
import type { Redis } from 'ioredis';
import { type Config, loadConfig } from '../config';
import { createDb, type Db, ensureDatabase } from '../db/connection';
import { migrateToLatest } from '../db/migrator';
import { createLogger, type Logger } from '../logger';
import { createQueues, type Queues } from '../queues/queues';
import { createWorkerConnection } from '../queues/redis-connections';
import { databaseError } from '../runtime/startup-errors';

export interface CliContext {
  config: Config;
  db: Db;
  logger: Logger;
  redis: Redis;
  queues: Queues;
  close(): Promise<void>;
}

export async function openDatabase(config: Config): Promise<Db> {
  try {
    await ensureDatabase(config.DATABASE_URL);
    const db = createDb(config.DATABASE_URL, { max: 4, applicationName: 'halo-cli' });
    await migrateToLatest(db);
    return db;
  } catch (err) {
    throw databaseError(config.DATABASE_URL, err);
  }
}

export async function openCliContext(): Promise<CliContext> {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL);
  const db = await openDatabase(config);
  // The CLI may wait for Redis (a worker-style connection): it is run by a person, not answering a webhook.
  const redis = createWorkerConnection(config.REDIS_URL);
  const queues = createQueues(redis, config.QUEUE_PREFIX);
  return {
    config,
    db,
    logger,
    redis,
    queues,
    async close() {
      await queues.close();
      redis.disconnect();
      await db.destroy();
    },
  };
}

/** Reads `--name value` options; flags without a value are true. */
export function parseOptions(args: string[]): { options: Record<string, string | true>; positional: string[] } {
  const options: Record<string, string | true> = {};
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
    const next = args[i + 1];
    if (inline !== undefined) options[name] = inline;
    else if (next !== undefined && !next.startsWith('--')) {
      options[name] = next;
      i++;
    } else options[name] = true;
  }
  return { options, positional };
}
