/**
 * The channel tests' rig, from the foundation's real parts: a fresh migrated database, a unique BullMQ prefix,
 * the producer connection (fails fast), the channels as `createChannels` assembles them, and the Fastify app
 * for inject. `startService` is used instead where a test needs the whole process (end to end).
 */
import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import { StatusBoard } from '../../src/app-deps/status-board';
import { type Channels, createChannels } from '../../src/channels/channels';
import { type Config, parseConfig } from '../../src/config';
import { buildApp } from '../../src/http/app';
import type { Logger } from '../../src/logger';
import { createMetrics, type Metrics } from '../../src/metrics';
import { createQueues, type Queues } from '../../src/queues/queues';
import { createProducerConnection, createWorkerConnection } from '../../src/queues/redis-connections';
import { createIncidentEvents } from '../../src/runtime/incident-events';
import { type Service, startService } from '../../src/runtime/service';
import { freePort } from '../helpers/free-port';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';
import { captureLogger } from '../helpers/test-logger';
import { clearPrefix, REDIS_URL, uniquePrefix } from '../helpers/test-redis';
import { type LoopbackTwilio, startLoopbackTwilio } from './loopback-twilio';
import { ACCOUNT_SID, AUTH_TOKEN } from './twilio/sign';

export interface ChannelRig {
  config: Config;
  database: TestDatabase;
  prefix: string;
  redis: Redis;
  queues: Queues;
  metrics: Metrics;
  logger: Logger;
  lines: string[];
  channels: Channels;
  app: FastifyInstance;
  close(): Promise<void>;
}

/** Environment of a test process: Twilio test credentials, a test SMSSync secret, the given overrides. */
export function testEnv(database: TestDatabase, prefix: string, env: Record<string, string | undefined> = {}) {
  return {
    DATABASE_URL: database.url,
    REDIS_URL,
    QUEUE_PREFIX: prefix,
    PUBLIC_URL: 'https://halo.example.go.id',
    TWILIO_ACCOUNT_SID: ACCOUNT_SID,
    TWILIO_AUTH_TOKEN: AUTH_TOKEN,
    TWILIO_FROM: 'whatsapp:+14155238886',
    SMSSYNC_SECRET: 'rahasia-gateway-palopo',
    LOG_LEVEL: 'debug',
    ...env,
  };
}

/** A rig; `redisUrl` points the producer elsewhere (a closed port for the outage tests). */
export async function startRig(
  label: string,
  options: { env?: Record<string, string | undefined>; redisUrl?: string; database?: TestDatabase } = {},
): Promise<ChannelRig> {
  const database = options.database ?? (await createTestDatabase(label));
  const prefix = uniquePrefix(label);
  const config = parseConfig(testEnv(database, prefix, options.env));
  const { logger, lines } = captureLogger();
  const redis = createProducerConnection(options.redisUrl ?? REDIS_URL);
  // As startService does: the api starts once its producer connection is up (a closed port never is).
  if (!options.redisUrl) await new Promise((resolve) => redis.once('ready', resolve));
  const queues = createQueues(redis, prefix);
  const metrics = createMetrics();
  const status = new StatusBoard();
  const events = createIncidentEvents(redis, createWorkerConnection(REDIS_URL), prefix);
  const channels = createChannels({ config, db: database.db, logger, metrics, status, queues });
  const app = await buildApp(
    { config, db: database.db, redis, queues, metrics, logger, status, events },
    channels.routes,
  );
  await app.ready();
  return {
    config,
    database,
    prefix,
    redis,
    queues,
    metrics,
    logger,
    lines,
    channels,
    app,
    async close() {
      await app.close();
      await channels.close();
      await queues.close().catch(() => {});
      await events.close();
      redis.disconnect();
      if (!options.database) await database.drop();
      await clearPrefix(prefix);
    },
  };
}

/** The value of a labelled counter (0 when never incremented). */
export async function counterValue(metrics: Metrics, name: string, labels: Record<string, string>): Promise<number> {
  const metric = (await metrics.registry.getMetricsAsJSON()).find((m) => m.name === name);
  const found = metric?.values.find((v) => Object.entries(labels).every(([k, val]) => v.labels[k] === val));
  return Number(found?.value ?? 0);
}

/** The whole process on a free port (api, normalize, outbound) with a loopback Twilio, as the end-to-end tests use it. */
export interface ServiceRig {
  database: TestDatabase;
  api: LoopbackTwilio;
  service: Service;
  /** http://127.0.0.1:PORT, also PUBLIC_URL (webhook signatures are made for it). */
  base: string;
  lines: string[];
  close(): Promise<void>;
}

export async function startServiceRig(label: string): Promise<ServiceRig> {
  const database = await createTestDatabase(label);
  const api = await startLoopbackTwilio({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
  const prefix = uniquePrefix(label);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const config = parseConfig(
    testEnv(database, prefix, {
      PORT: String(port),
      PUBLIC_URL: base,
      TWILIO_API_URL: api.url,
      TWILIO_MEDIA_HOSTS: '127.0.0.1',
      HALO_ROLES: 'api,normalize,outbound',
    }),
  );
  const { logger, lines } = captureLogger();
  const service = await startService(config, logger);
  return {
    database,
    api,
    service,
    base,
    lines,
    async close() {
      await service.close();
      await api.close();
      await database.drop();
      await clearPrefix(prefix);
    },
  };
}

/** What the office's Android phone (SMSSync) posts for an SMS it received, with the test gateway's secret. */
export function postSmsSync(base: string, form: Record<string, string>): Promise<Response> {
  return fetch(`${base}/webhooks/smssync`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      secret: 'rahasia-gateway-palopo',
      device_id: 'kesbang-hp-1',
      sent_to: '+6285299990000',
      ...form,
    }).toString(),
  });
}
