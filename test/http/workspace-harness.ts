/**
 * A real workspace for tests: a fresh PostgreSQL database, a unique BullMQ prefix on the real Redis, real queues
 * and incident events, the Fastify app with the workspace routes, and three staff accounts (with API tokens).
 * Incidents are seeded through the real inbound processor and normalizer.
 */
import { randomBytes } from 'node:crypto';
import { Worker } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import type { IncidentEvents } from '../../src/app-deps/incident-events';
import type { RouteModule } from '../../src/app-deps/route-module';
import { StatusBoard } from '../../src/app-deps/status-board';
import { hashPassword } from '../../src/auth/password-hash';
import { hashSecret, newSecret } from '../../src/auth/secret-tokens';
import { createPreparerRegistry } from '../../src/channels/registry';
import { type Config, parseConfig } from '../../src/config';
import type { RawMessage } from '../../src/core/raw-message';
import { insertApiToken } from '../../src/db/repos/api-tokens';
import { type StaffRole, type StaffUser, upsertUser } from '../../src/db/repos/users';
import { buildApp } from '../../src/http/app';
import type { LoginLimit } from '../../src/http/auth/login-rate-limit';
import { createWorkspaceRoutes } from '../../src/http/workspace-routes';
import { createMetrics } from '../../src/metrics';
import { loadGazetteer } from '../../src/normalize/gazetteer-loader';
import { createInboundProcessor, type InboundDeps, processInbound } from '../../src/processors/inbound-processor';
import { WORKER_OPTIONS } from '../../src/queues/job-options';
import { INBOUND_QUEUE } from '../../src/queues/queue-names';
import { createQueues, type Queues } from '../../src/queues/queues';
import { createProducerConnection, createWorkerConnection } from '../../src/queues/redis-connections';
import { createIncidentEvents } from '../../src/runtime/incident-events';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';
import { captureLogger } from '../helpers/test-logger';
import { clearPrefix, REDIS_URL, uniquePrefix } from '../helpers/test-redis';

export const PASSWORD = 'kata-sandi-uji-123';

export interface Staff {
  user: StaffUser;
  token: string;
}

export interface Workspace {
  app: FastifyInstance;
  config: Config;
  database: TestDatabase;
  queues: Queues;
  events: IncidentEvents;
  staff: Record<StaffRole, Staff>;
  /** Feeds a message through the real inbound processor (normalizer included); returns the incident id. */
  ingest(raw: Partial<RawMessage> & { text: string }): Promise<string>;
  close(): Promise<void>;
}

let counter = 0;

/**
 * An SMS from a Palopo number, as the SMSSync gateway would hand it over. Without `from`, each message comes from a
 * number of its own: one number's messages within hours thread into one incident (docs/conversations.md).
 */
export function sms(text: string, from?: string, receivedAt = new Date().toISOString()): RawMessage {
  counter += 1;
  from ??= `+628123456${String(8900 + counter).padStart(4, '0')}`;
  return {
    channel: 'sms',
    provider: 'smssync',
    externalId: `test-${randomBytes(6).toString('hex')}-${counter}`,
    receivedAt,
    from,
    to: '+6281100000000',
    text,
  };
}

export async function startWorkspace(
  label: string,
  /** `worker`: run the normalize role's BullMQ worker on the workspace's queues (reports taken by staff need it). */
  opts: {
    loginLimit?: LoginLimit;
    publicUrl?: string;
    trustProxy?: string;
    routes?: RouteModule[];
    worker?: boolean;
  } = {},
): Promise<Workspace> {
  const database = await createTestDatabase(label);
  const prefix = uniquePrefix(label);
  const config = parseConfig({
    DATABASE_URL: database.url,
    REDIS_URL,
    QUEUE_PREFIX: prefix,
    LOG_LEVEL: 'silent',
    ...(opts.publicUrl ? { PUBLIC_URL: opts.publicUrl } : {}),
    ...(opts.trustProxy ? { TRUST_PROXY: opts.trustProxy } : {}),
  });
  const redis = createProducerConnection(REDIS_URL);
  const subscriber = createWorkerConnection(REDIS_URL);
  const queues = createQueues(redis, prefix);
  const events = createIncidentEvents(redis, subscriber, prefix);
  const { logger } = captureLogger();
  const app = await buildApp(
    { config, db: database.db, redis, queues, metrics: createMetrics(), logger, status: new StatusBoard(), events },
    [...(opts.routes ?? []), createWorkspaceRoutes({ loginLimit: opts.loginLimit })],
  );
  const passwordHash = await hashPassword(PASSWORD);
  const staff = {} as Record<StaffRole, Staff>;
  for (const role of ['admin', 'operator', 'viewer'] as const) {
    const { user } = await upsertUser(database.db, {
      email: `${role}@kesbang.test`,
      role,
      name: `Petugas ${role}`,
      passwordHash,
    });
    const token = newSecret('hk_');
    await insertApiToken(database.db, { userId: user.id, name: 'test', tokenHash: hashSecret(token) });
    staff[role] = { user, token };
  }
  const inboundDeps: InboundDeps = {
    db: database.db,
    queues,
    preparers: createPreparerRegistry(),
    gazetteer: loadGazetteer(config.REGION_CODE),
    timezone: config.TIMEZONE,
    ackReplies: true,
    logger,
    onIncidentChanged: (id) => events.publish(id),
  };
  const worker = opts.worker
    ? new Worker(INBOUND_QUEUE, createInboundProcessor(inboundDeps), {
        connection: createWorkerConnection(REDIS_URL),
        prefix,
        concurrency: 2,
        ...WORKER_OPTIONS,
      })
    : null;
  worker?.on('error', () => {});
  return {
    app,
    config,
    database,
    queues,
    events,
    staff,
    async ingest(raw) {
      const outcome = await processInbound({ raw: { ...sms(raw.text), ...raw } }, inboundDeps);
      if (outcome.state !== 'processed' || !outcome.incidentId)
        throw new Error(`ingest: no incident (${outcome.state})`);
      return outcome.incidentId;
    },
    async close() {
      await worker?.close();
      await worker?.disconnect();
      await app.close();
      await queues.close();
      await events.close();
      await redis.quit();
      await database.drop();
      await clearPrefix(prefix);
    },
  };
}

/** Logs in through the API; returns the cookie header and CSRF token. */
export async function login(ws: Workspace, role: StaffRole): Promise<{ cookie: string; csrf: string }> {
  const res = await ws.app.inject({
    method: 'POST',
    url: '/api/session',
    payload: { email: `${role}@kesbang.test`, password: PASSWORD },
  });
  if (res.statusCode !== 200) throw new Error(`login ${role}: ${res.statusCode} ${res.body}`);
  const setCookie = String(res.headers['set-cookie']);
  return { cookie: setCookie.split(';')[0]!, csrf: res.json().csrfToken };
}

export function bearer(ws: Workspace, role: StaffRole): Record<string, string> {
  return { authorization: `Bearer ${ws.staff[role].token}` };
}
