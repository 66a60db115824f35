/**
 * What the operator commands that touch the pipeline need: config, logger (stderr), database, a producer Redis
 * connection, the queues and the channels (preparers), opened together and closed together.
 */

import { StatusBoard } from '../app-deps/status-board';
import { type Channels, createChannels } from '../channels/channels';
import { type Config, loadConfig } from '../config';
import { createDb, type Db } from '../db/connection';
import { createLogger, type Logger } from '../logger';
import { createMetrics, type Metrics } from '../metrics';
import { createQueues, type Queues } from '../queues/queues';
import { createProducerConnection, type RedisClient, whenReady } from '../queues/redis-connections';
import { redisError } from '../runtime/startup-errors';

export interface CliServices {
  config: Config;
  logger: Logger;
  db: Db;
  redis: RedisClient;
  queues: Queues;
  channels: Channels;
  metrics: Metrics;
  close(): Promise<void>;
}

export async function openCliServices(config: Config = loadConfig()): Promise<CliServices> {
  const logger = createLogger(config.LOG_LEVEL);
  const db = createDb(config.DATABASE_URL, { max: 4, applicationName: 'halo-cli' });
  const redis = createProducerConnection(config);
  try {
    await whenReady(redis, 5000);
  } catch (err) {
    redis.disconnect();
    await db.destroy();
    throw redisError(config, err);
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
