/** /healthz (the process lives), /readyz (PostgreSQL and Redis answer; roles and mailboxes), /metrics. */
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { collectQueueMetrics } from '../queues/queue-metrics';
import type { AppDeps } from './app-deps';

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
      answers(() => sql`select 1`.execute(deps.db)),
      answers(() => deps.redis.ping()),
    ]);
    const mailboxes = deps.status.mailboxes();
    const up = postgres && redis;
    const degraded = mailboxes.some((m) => m.state === 'down') || Object.values(deps.status.roles).includes('error');
    const status = !up ? 'down' : degraded ? 'degraded' : 'ok';
    reply.code(up ? 200 : 503);
    return {
      status,
      postgres: postgres ? 'ok' : 'down',
      redis: redis ? 'ok' : 'down',
      roles: deps.status.roles,
      mailboxes,
    };
  });

  app.get('/metrics', async (_req, reply) => {
    // Queue gauges are read from Redis at scrape time; without Redis the rest of the metrics still answer.
    await collectQueueMetrics(deps.metrics, { inbound: deps.queues.inbound, outbound: deps.queues.outbound }).catch(
      () => {},
    );
    reply.header('content-type', deps.metrics.registry.contentType);
    return deps.metrics.registry.metrics();
  });
}
