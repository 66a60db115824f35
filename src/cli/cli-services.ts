/**
 * What the operator commands that touch the pipeline need: config, logger (stderr), database, a producer Redis
 * connection, the queues and the channels (preparers), opened together and closed together.
 */
import type { Redis } from 'ioredis';
import { StatusBoard } from '../app-deps/status-board';
import { type Channels, createChannels } from '../channels/channels';
import { type Config, loadConfig } from '../config';
import { createDb, type Db } from '../db/connection';
import { createLogger, type Logger } from '../logger';
import { createMetrics, type Metrics } from '../metrics';
import { createQueues, type Queues } from '../queues/queues';
import { createProducerConnection } from '../queues/redis-connections';

export interface CliServices {
  config: Config;
  logger: Logger;
  db: Db;
  redis: Redis;
  queues: Queues;
  channels: Channels;
  metrics: Metrics;
  close(): Promise<void>;
}

export async function openCliServices(config: Config = loadConfig()): Promise<CliServices> {
  const logger = createLogger(config.LOG_LEVEL);
  const db = createDb(config.DATABASE_URL, { max: 4, applicationName: 'halo-cli' });
  const redis = createProducerConnection(config.REDIS_URL);
  try {
    await new Promise<void>((resolve, reject) => {
      if (redis.status === 'ready') return resolve();
      const timer = setTimeout(() => reject(new Error(`redis: no answer from ${config.REDIS_URL}`)), 5000);
      redis.once('ready', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  } catch (err) {
    redis.disconnect();
    await db.destroy();
    throw err;
  }
  const queues = createQueues(redis, config.QUEUE_PREFIX);
  const metrics = createMetrics();
  const channels = createChannels({ config, db, logger, metrics, status: new StatusBoard(), queues });
  return {
    config,
    logger,
    db,
    redis,
    queues,
    channels,
    metrics,
    async close() {
      await channels.close();
      await queues.close().catch(() => {});
      redis.disconnect();
      await db.destroy();
    },
  };
}
