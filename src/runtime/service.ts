/**
 * Starts the roles this process runs (HALO_ROLES) over shared connections, and closes them in order on shutdown:
 * stop accepting (HTTP, IMAP), let workers finish or release their jobs, then close queues and connections.
 */
import { Worker } from 'bullmq';
import type { IncidentEvents } from '../app-deps/incident-events';
import { StatusBoard } from '../app-deps/status-board';
import { createChannels } from '../channels/channels';
import type { Config, Role } from '../config';
import { createDb, type Db, ensureDatabase, pingDatabase } from '../db/connection';
import { migrateToLatest } from '../db/migrator';
import { armEscalationFor, createFollowUpProcessor } from '../follow-up/follow-up-processor';
import { createFollowUpQueue, scheduleDailySummary, scheduleLearningReport } from '../follow-up/follow-up-queue';
import { buildApp } from '../http/app';
import { workspaceRoutes } from '../http/workspace-routes';
import { createWebhookDeliveryProcessor } from '../integrations/webhook-delivery-processor';
import { startWebhookDispatcher } from '../integrations/webhook-dispatcher';
import { createWebhookQueue } from '../integrations/webhook-queue';
import type { Logger } from '../logger';
import { createMetrics, type Metrics } from '../metrics';
import { loadGazetteer } from '../normalize/gazetteer-loader';
import { createOutboundProcessor } from '../outbound/outbound-processor';
import { createInboundProcessor, INBOUND_BATCHES_IN_FLIGHT } from '../processors/inbound-processor';
import { WORKER_OPTIONS } from '../queues/job-options';
import { FOLLOW_UP_QUEUE, INBOUND_QUEUE, OUTBOUND_QUEUE, WEBHOOK_QUEUE } from '../queues/queue-names';
import { createQueues, type Queues } from '../queues/queues';
import { checkRedis } from '../queues/redis-check';
import {
  createProducerConnection,
  createWorkerConnection,
  type RedisClient,
  redisMasters,
  redisMode,
  whenReady,
} from '../queues/redis-connections';
import { cachedSettings } from '../settings-cache';
import { createIncidentEvents } from './incident-events';
import { startOutboxSweeper } from './outbox-sweeper';
import { databaseError, redisError, StartupError } from './startup-errors';

export interface Service {
  db: Db;
  queues: Queues;
  metrics: Metrics;
  status: StatusBoard;
  events: IncidentEvents;
  /** The HTTP address when the api role runs. */
  address: string | null;
  close(): Promise<void>;
}

type Closer = () => Promise<unknown>;

async function connectDatabase(config: Config, logger: Logger, migrate: boolean): Promise<Db> {
  try {
    if (migrate) {
      if (await ensureDatabase(config.DATABASE_URL)) logger.info('database created');
    }
    const db = createDb(config.DATABASE_URL);
    await pingDatabase(db);
    if (migrate) {
      const applied = await migrateToLatest(db);
      if (applied.length) logger.info({ applied }, 'migrations applied');
    }
    return db;
  } catch (err) {
    throw databaseError(config.DATABASE_URL, err);
  }
}

async function connectRedis(config: Config, logger: Logger): Promise<RedisClient> {
  const redis = createProducerConnection(config);
  try {
    await whenReady(redis, 5000);
  } catch (err) {
    redis.disconnect();
    throw redisError(config, err);
  }
  const check = await checkRedis(redis);
  for (const w of check.warnings) logger.warn(w);
  if (check.fatal) {
    redis.disconnect();
    throw new StartupError(check.fatal);
  }
  logger.info({ redis: redisMode(redis), masters: redisMasters(redis).length }, 'redis checked');
  return redis;
}

export async function startService(
  config: Config,
  logger: Logger,
  options: { roles?: Role[]; migrate?: boolean } = {},
): Promise<Service> {
  const roles = new Set(options.roles ?? config.HALO_ROLES);
  // Redis first: it is the quicker check, and a wrong REDIS_URL should not leave a new database behind.
  const redis = await connectRedis(config, logger);
  let db: Db;
  try {
    db = await connectDatabase(config, logger, options.migrate ?? true);
  } catch (err) {
    redis.disconnect();
    throw err;
  }
  const closers: Closer[] = [];
  const metrics = createMetrics();
  const status = new StatusBoard();
  const queues = createQueues(redis, config.QUEUE_PREFIX);
  const events = createIncidentEvents(redis, createWorkerConnection(config), config.QUEUE_PREFIX);
  const channels = createChannels({ config, db, logger, metrics, status, queues });
  let address: string | null = null;

  const startWorker = <T>(
    role: Role,
    queue: string,
    processor: (job: import('bullmq').Job<T>) => Promise<unknown>,
    concurrency: number,
  ) => {
    status.set(role, 'starting');
    const worker = new Worker<T>(queue, processor, {
      connection: createWorkerConnection(config),
      prefix: config.QUEUE_PREFIX,
      concurrency,
      ...WORKER_OPTIONS,
    });
    worker.on('error', (err) => logger.error({ role, err: { message: err.message } }, 'worker error'));
    worker.on('failed', (job, err) => {
      metrics.jobFailures.inc({ queue });
      logger.warn({ role, jobId: job?.id, attempt: job?.attemptsMade, err: { message: err.message } }, 'job failed');
    });
    closers.push(async () => {
      status.set(role, 'stopping');
      await worker.close();
      await worker.disconnect();
      status.set(role, 'stopped');
    });
    return worker.waitUntilReady().then(() => status.set(role, 'running'));
  };

  try {
    if (roles.has('normalize')) {
      const gazetteer = loadGazetteer(config.REGION_CODE);
      await startWorker(
        'normalize',
        INBOUND_QUEUE,
        createInboundProcessor({
          db,
          queues,
          preparers: channels.preparers,
          gazetteer,
          timezone: config.TIMEZONE,
          publicUrl: config.PUBLIC_URL,
          ackReplies: config.ACK_REPLIES,
          logger,
          metrics,
          settings: cachedSettings(db),
          onIncidentChanged: (id) => events.publish(id),
          batch: { maxSize: config.INBOUND_BATCH_SIZE, flushMs: config.INBOUND_BATCH_FLUSH_MS },
        }),
        // Enough jobs at once to fill the batches in flight (each job waits for its batch to commit).
        config.INBOUND_BATCH_SIZE * INBOUND_BATCHES_IN_FLIGHT,
      );
    }
    if (roles.has('outbound')) {
      // Escalation timers and the daily summary (docs/follow-up.md) belong to the outbound role.
      const followUp = createFollowUpQueue(redis, config.QUEUE_PREFIX);
      const followUpDeps = {
        db,
        queues,
        followUp,
        timezone: config.TIMEZONE,
        publicUrl: config.PUBLIC_URL,
        logger,
      };
      await startWorker(
        'outbound',
        OUTBOUND_QUEUE,
        createOutboundProcessor({
          db,
          transports: channels.transports,
          logger,
          metrics,
          beforeSend: armEscalationFor(followUpDeps),
        }),
        4,
      );
      await startWorker('outbound', FOLLOW_UP_QUEUE, createFollowUpProcessor(followUpDeps), 2);
      await scheduleDailySummary(followUp, config.TIMEZONE);
      await scheduleLearningReport(followUp, config.TIMEZONE, config.REGION_CODE);
      closers.push(() => followUp.close());
      const sweeper = startOutboxSweeper({ db, queues, logger });
      closers.push(async () => sweeper.stop());
      // Partners' webhooks (docs/integrations.md): the event outbox drained into signed deliveries.
      const webhooks = createWebhookQueue(redis, config.QUEUE_PREFIX);
      const dispatcher = startWebhookDispatcher({ db, webhooks, logger });
      await startWorker('outbound', WEBHOOK_QUEUE, createWebhookDeliveryProcessor({ db, logger }), 4);
      // Before the workers close (closers run in order): no new delivery queued while they drain.
      closers.unshift(async () => {
        await dispatcher.stop();
        await webhooks.close();
      });
    }
    if (roles.has('imap')) {
      const stop = await channels.startMailboxes();
      status.set('imap', stop ? 'running' : 'idle');
      if (stop)
        closers.push(async () => {
          status.set('imap', 'stopping');
          await stop();
          status.set('imap', 'stopped');
        });
    }
    if (roles.has('api')) {
      status.set('api', 'starting');
      const app = await buildApp({ config, db, redis, queues, metrics, logger, status, events }, [
        ...channels.routes,
        ...workspaceRoutes,
      ]);
      address = await app.listen({ host: config.HOST, port: config.PORT });
      status.set('api', 'running');
      // HTTP closes first (unshift): no new webhook may be accepted while the rest shuts down.
      closers.unshift(async () => {
        status.set('api', 'stopping');
        await app.close();
        status.set('api', 'stopped');
      });
    }
    // Last: the workers above may still be preparing a message in the email parse threads.
    closers.push(() => channels.close());
  } catch (err) {
    await closeAll(closers, logger);
    await finalClose(queues, events, redis, db);
    throw err;
  }

  return {
    db,
    queues,
    metrics,
    status,
    events,
    address,
    async close() {
      await closeAll(closers, logger);
      await finalClose(queues, events, redis, db);
    },
  };
}

async function closeAll(closers: Closer[], logger: Logger): Promise<void> {
  for (const close of closers) {
    try {
      await close();
    } catch (err) {
      logger.warn({ err: { message: (err as Error).message } }, 'error while closing');
    }
  }
}

async function finalClose(queues: Queues, events: IncidentEvents, redis: RedisClient, db: Db): Promise<void> {
  await queues.close().catch(() => {});
  await events.close();
  await redis.quit().catch(() => redis.disconnect());
  await db.destroy();
}
