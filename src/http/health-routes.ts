/**
 * /healthz (the process lives), /readyz (PostgreSQL and Redis answer, every master of a Redis Cluster; roles and
 * mailboxes), /metrics (only with METRICS_TOKEN as a Bearer token, or without it to a scraper on this machine that
 * came through no proxy).
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppDeps } from '../app-deps/app-deps';
import { pingDatabase } from '../db/connection';
import { collectQueueMetrics } from '../queues/queue-metrics';
import { probeRedis } from '../queues/redis-probe';

async function answers(check: () => Promise<unknown>, timeoutMs = 2000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('timeout')), timeoutMs);
      }),
    ]);
    return true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

export async function healthRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  app.get('/healthz', async () => ({ status: 'ok' }));

  app.get('/readyz', async (_req, reply) => {
    const [postgres, redis] = await Promise.all([
      answers(() => pingDatabase(deps.db)),
      probeRedis(deps.redis, answers),
    ]);
    const mailboxes = deps.status.mailboxes();
    const up = postgres && redis.ok;
    const degraded = mailboxes.some((m) => m.state === 'down') || Object.values(deps.status.roles).includes('error');
    const status = !up ? 'down' : degraded ? 'degraded' : 'ok';
    reply.code(up ? 200 : 503);
    return {
      status,
      postgres: postgres ? 'ok' : 'down',
      redis: redis.ok ? 'ok' : 'down',
      redisMode: redis.mode,
      redisMasters: redis.masters,
      roles: deps.status.roles,
      mailboxes,
    };
  });

  app.get('/metrics', async (req, reply) => {
    if (!metricsAllowed(req, deps.config.METRICS_TOKEN)) {
      return reply.code(404).send({ error: { code: 'not_found', message: 'not found' } });
    }
    // Queue gauges are read from Redis at scrape time; without Redis the rest of the metrics still answer.
    await collectQueueMetrics(deps.metrics, deps.queues.all).catch(() => {});
    reply.header('content-type', deps.metrics.registry.contentType);
    return deps.metrics.registry.metrics();
  });
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * Metrics name queues, mailboxes and volumes: not for the internet. With a token, a Bearer match is required;
 * without one, only the socket's own peer on loopback, and not a request a local reverse proxy forwarded.
 */
function metricsAllowed(req: FastifyRequest, token: string | undefined): boolean {
  if (token) {
    const sent = Buffer.from(req.headers.authorization ?? '');
    const want = Buffer.from(`Bearer ${token}`);
    return sent.length === want.length && timingSafeEqual(sent, want);
  }
  const forwarded = req.headers['x-forwarded-for'] !== undefined || req.headers.forwarded !== undefined;
  return LOOPBACK.has(req.socket.remoteAddress ?? '') && !forwarded;
}
